// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '@/testing/fixtures';
import { testQueryClient, withQueryClient } from '@/testing/query';
import { useAuth } from '@/stores/auth';
import { useLedger, useRedeemCode } from './account';

const user = { id: 1, email: 'a@b.c', nickname: null, role: 'user', credits: 10, created_at: '' };
const entry = (id: number, balance_after: number) => ({
  id,
  delta: 100,
  balance_after,
  kind: 'redeem',
  reference: 'code',
  created_at: '2026-01-01T00:00:00Z',
});

describe('account queries', () => {
  let urls: string[] = [];
  let ledger = [entry(1, 10)];

  beforeEach(() => {
    urls = [];
    ledger = [entry(1, 10)];
    useAuth.setState({ accessToken: 'A', refreshToken: 'R', user });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        urls.push(url);
        if (url === '/api/redeem') return jsonResponse({ credits_added: 100, balance: 110 });
        if (url.startsWith('/api/credits/ledger')) return jsonResponse({ items: ledger, next_cursor: null });
        return jsonResponse({ detail: 'not found', code: 'not_found' }, 404);
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    useAuth.getState().clear();
  });

  it('redeeming sets the new balance and reloads the ledger', async () => {
    const { result } = renderHook(() => ({ ledger: useLedger(), redeem: useRedeemCode() }), {
      wrapper: withQueryClient(testQueryClient()),
    });
    await waitFor(() => expect(result.current.ledger.data?.pages[0].items).toHaveLength(1));
    ledger = [entry(2, 110), entry(1, 10)];
    await act(() => result.current.redeem.mutateAsync('ABCD'));
    expect(useAuth.getState().user?.credits).toBe(110);
    expect(result.current.ledger.data?.pages[0].items.map((e) => e.id)).toEqual([2, 1]);
    expect(urls).toEqual(['/api/credits/ledger?limit=20', '/api/redeem', '/api/credits/ledger?limit=20']);
  });
});
