import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas } from '@/lib/api-client';
import { useAuth } from '@/stores/auth';

export type LedgerEntry = Schemas['LedgerEntryOut'];
export type ApiKeyInfo = Schemas['ApiKeyOut'];
export type CreatedApiKey = Schemas['CreatedApiKeyOut'];

export const accountKeys = {
  ledger: ['account', 'ledger'] as const,
  keys: ['account', 'keys'] as const,
};

const LEDGER_PAGE = 20;

export const fetchLedger = (cursor?: string, signal?: AbortSignal) =>
  api('get', '/api/credits/ledger', { query: { limit: LEDGER_PAGE, cursor }, signal });

export const redeemCode = (code: string) => api('post', '/api/redeem', { body: { code } });

/** Every key of the account in one answer (the endpoint is not paginated). */
export const listKeys = (signal?: AbortSignal) => api('get', '/api/keys', { signal });

export const createKey = (name: string) => api('post', '/api/keys', { body: { name } });

export const deleteKey = (id: number) => api('delete', '/api/keys/{key_id}', { path: { key_id: id } });

export const changePassword = (body: Schemas['ChangePasswordIn']) => api('post', '/api/auth/change-password', { body });

/** The credit ledger, newest first, a page at a time. */
export const useLedger = () =>
  useInfiniteQuery({
    queryKey: accountKeys.ledger,
    queryFn: ({ pageParam, signal }) => fetchLedger(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export const useApiKeys = () => useQuery({ queryKey: accountKeys.keys, queryFn: ({ signal }) => listKeys(signal) });

/** Redeeming moves the balance (the auth store's copy) and adds a ledger entry. */
export function useRedeemCode() {
  const queryClient = useQueryClient();
  const setCredits = useAuth((s) => s.setCredits);
  return useMutation({
    mutationFn: redeemCode,
    onSuccess: (res) => {
      setCredits(res.balance);
      return queryClient.invalidateQueries({ queryKey: accountKeys.ledger });
    },
  });
}

export function useCreateKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.keys }),
  });
}

export function useDeleteKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.keys }),
  });
}

export const useChangePassword = () => useMutation({ mutationFn: changePassword });
