import { api, apiResponse, type QueryOf, type Schemas } from '@/lib/api-client';
import { PAGE_SIZE, useAdminMutation, usePagedList } from './queries';

export type RedeemCode = Schemas['RedeemCodeOut'];
export type CodeFilters = Pick<QueryOf<'get', '/api/admin/redeem-codes'>, 'batch_id' | 'state'>;
export type CodeState = NonNullable<CodeFilters['state']>;

/** The states the list can be filtered by, in the backend's words. */
export const CODE_STATES: readonly CodeState[] = ['unused', 'redeemed', 'expired', 'disabled'];

export const codesKey = ['admin', 'codes'] as const;

export const listCodes = (filters: CodeFilters, cursor?: string, signal?: AbortSignal) =>
  api('get', '/api/admin/redeem-codes', { query: { ...filters, limit: PAGE_SIZE, cursor }, signal });

/** The answer carries the plain codes: the only time they are ever shown. */
export const createCodes = (batch: Schemas['RedeemBatchIn']) => api('post', '/api/admin/redeem-codes', { body: batch });

export const disableCode = (id: number) =>
  api('post', '/api/admin/redeem-codes/{code_id}/disable', { path: { code_id: id } });

/** A CSV of one batch (the backend exports a batch at a time). */
export async function exportCodes(batchId: number): Promise<Blob> {
  const res = await apiResponse('get', '/api/admin/redeem-codes/export', { query: { batch_id: batchId } });
  return res.blob();
}

export const useCodes = (filters: CodeFilters) =>
  usePagedList([...codesKey, filters], (cursor, signal) => listCodes(filters, cursor, signal));

export const useCreateCodes = () => useAdminMutation(createCodes, codesKey);

export const useDisableCode = () => useAdminMutation(disableCode, codesKey);
