// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { testQueryClient, withQueryClient } from '@/testing/query';
import { useAdminMutation, usePagedList } from './queries';

type Row = { id: number };
const page = (ids: number[], next_cursor: string | null) => ({ items: ids.map((id): Row => ({ id })), next_cursor });

describe('usePagedList', () => {
  it('loads the first page, appends the next one by cursor and stops when there is no cursor', async () => {
    const fetchPage = vi.fn(async (cursor: string | undefined) => (cursor ? page([3], null) : page([1, 2], 'c2')));
    const { result } = renderHook(() => usePagedList(['rows'], fetchPage), {
      wrapper: withQueryClient(testQueryClient()),
    });
    await waitFor(() => expect(result.current.items.map((r) => r.id)).toEqual([1, 2]));
    expect(result.current.more).toBeDefined();
    act(() => result.current.more?.());
    await waitFor(() => expect(result.current.items.map((r) => r.id)).toEqual([1, 2, 3]));
    expect(result.current.more).toBeUndefined();
    expect(fetchPage.mock.calls.map(([cursor]) => cursor)).toEqual([undefined, 'c2']);
  });

  it('starts again from the first page when the filters change, keeping the rows on screen meanwhile', async () => {
    let release: () => void = () => undefined;
    const fetchPage = vi.fn(
      (filter: string) => () =>
        filter === 'a'
          ? Promise.resolve(page([1], null))
          : new Promise<ReturnType<typeof page>>((r) => (release = () => r(page([9], null)))),
    );
    const { result, rerender } = renderHook(({ filter }) => usePagedList(['rows', filter], fetchPage(filter)), {
      wrapper: withQueryClient(testQueryClient()),
      initialProps: { filter: 'a' },
    });
    await waitFor(() => expect(result.current.items).toEqual([{ id: 1 }]));
    rerender({ filter: 'b' });
    await waitFor(() => expect(result.current.loading).toBe(true));
    expect(result.current.items).toEqual([{ id: 1 }]);
    act(() => release());
    await waitFor(() => expect(result.current.items).toEqual([{ id: 9 }]));
  });

  it('reports the error message of a failed page', async () => {
    const fetchPage = () => Promise.reject(new ApiError(403, 'admin only', 'forbidden'));
    const { result } = renderHook(() => usePagedList(['rows'], fetchPage), {
      wrapper: withQueryClient(testQueryClient()),
    });
    await waitFor(() => expect(result.current.error).toBe('admin only'));
    expect(result.current.items).toEqual([]);
  });
});

describe('useAdminMutation', () => {
  it('fetches the lists it changed again once it succeeds', async () => {
    const client = testQueryClient();
    let version = 0;
    const fetchPage = vi.fn(async () => page([++version], null));
    const { result } = renderHook(
      () => ({
        list: usePagedList(['admin', 'users', {}], fetchPage),
        save: useAdminMutation(async (id: number) => id, ['admin', 'users']),
      }),
      { wrapper: withQueryClient(client) },
    );
    await waitFor(() => expect(result.current.list.items).toEqual([{ id: 1 }]));
    await act(() => result.current.save.mutateAsync(7));
    expect(result.current.list.items).toEqual([{ id: 2 }]);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });
});
