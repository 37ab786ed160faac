import { api } from '@/lib/api-client';

export interface LedgerEntry {
  id: string;
  delta: number;
  balance_after: number;
  kind: string;
  reference: string | null;
  created_at: string;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at?: string | null;
}

export interface CreatedApiKey extends ApiKeyInfo {
  key: string;
}

export const fetchLedger = (cursor?: string | null) =>
  api<{ items: LedgerEntry[]; next_cursor: string | null }>(`/api/credits/ledger?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);

export const redeemCode = (code: string) => api<{ credits_added: number; balance: number }>('/api/redeem', { body: { code } });

export const listKeys = async () => {
  const res = await api<ApiKeyInfo[] | { items: ApiKeyInfo[] }>('/api/keys');
  return Array.isArray(res) ? res : res.items;
};

export const createKey = (name: string) => api<CreatedApiKey>('/api/keys', { body: { name } });

export const deleteKey = (id: string) => api<void>(`/api/keys/${id}`, { method: 'DELETE' });

export const changePassword = (old_password: string, new_password: string) =>
  api<void>('/api/auth/change-password', { body: { old_password, new_password } });
