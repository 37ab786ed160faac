import { api, type QueryOf, type Schemas } from '@/lib/api-client';
import { PAGE_SIZE, useAdminMutation, usePagedList } from './queries';

export type AdminUser = Schemas['AdminUserOut'];
export type UserFilters = Pick<QueryOf<'get', '/api/admin/users'>, 'q' | 'status'>;

export const usersKey = ['admin', 'users'] as const;

export const listUsers = (filters: UserFilters, cursor?: string, signal?: AbortSignal) =>
  api('get', '/api/admin/users', { query: { ...filters, limit: PAGE_SIZE, cursor }, signal });

export const updateUser = ({ id, patch }: { id: number; patch: Schemas['UserPatchIn'] }) =>
  api('patch', '/api/admin/users/{user_id}', { path: { user_id: id }, body: patch });

export const adjustCredits = ({ id, change }: { id: number; change: Schemas['CreditAdjustIn'] }) =>
  api('post', '/api/admin/users/{user_id}/credits', { path: { user_id: id }, body: change });

export const useUsers = (filters: UserFilters) =>
  usePagedList([...usersKey, filters], (cursor, signal) => listUsers(filters, cursor, signal));

export const useUpdateUser = () => useAdminMutation(updateUser, usersKey);

export const useAdjustCredits = () => useAdminMutation(adjustCredits, usersKey);
