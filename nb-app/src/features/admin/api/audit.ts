import { api, type Schemas } from '@/lib/api-client';
import { PAGE_SIZE, usePagedList } from './queries';

export type AuditEntry = Schemas['AuditEntryOut'];

export const auditKey = ['admin', 'audit'] as const;

export const listAudit = (cursor?: string, signal?: AbortSignal) =>
  api('get', '/api/admin/audit', { query: { limit: PAGE_SIZE, cursor }, signal });

export const useAudit = () => usePagedList(auditKey, listAudit);
