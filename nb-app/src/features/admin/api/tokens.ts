import { useQuery } from '@tanstack/react-query';
import { api, type Schemas } from '@/lib/api-client';
import { useAdminMutation } from './queries';

export type PoolKey = Schemas['TokenOut'];

export const tokensKey = ['admin', 'tokens'] as const;

/** The whole pool in one answer (the endpoint is not paginated). */
export const listTokens = (signal?: AbortSignal) => api('get', '/api/admin/tokens', { signal });

export const addTokens = (body: Schemas['TokensIn']) => api('post', '/api/admin/tokens', { body });

export const probeToken = (id: number) => api('post', '/api/admin/tokens/{key_id}/probe', { path: { key_id: id } });

export const updateToken = ({ id, patch }: { id: number; patch: Schemas['TokenPatchIn'] }) =>
  api('patch', '/api/admin/tokens/{key_id}', { path: { key_id: id }, body: patch });

export const deleteToken = (id: number) => api('delete', '/api/admin/tokens/{key_id}', { path: { key_id: id } });

export const useTokens = () => useQuery({ queryKey: tokensKey, queryFn: ({ signal }) => listTokens(signal) });

export const useAddTokens = () => useAdminMutation(addTokens, tokensKey);
export const useProbeToken = () => useAdminMutation(probeToken, tokensKey);
export const useUpdateToken = () => useAdminMutation(updateToken, tokensKey);
export const useDeleteToken = () => useAdminMutation(deleteToken, tokensKey);
