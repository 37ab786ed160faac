import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useMemo } from 'react';
import { errorMessage } from '@/lib/api-client';

/** Rows per request of every paged admin list. */
export const PAGE_SIZE = 50;

/** The shape every cursor-paginated endpoint answers (`Page_*_` in the OpenAPI document). */
type CursorPage = { items: readonly unknown[]; next_cursor?: string | null };

/**
 * A cursor-paginated admin list: a change of `queryKey` (its filters) starts again from the first page, and
 * the rows on screen stay until the new ones arrive.
 */
export function usePagedList<TPage extends CursorPage>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<TPage>,
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const { data, fetchNextPage } = query;
  const items = useMemo(() => (data?.pages ?? []).flatMap((page) => page.items as TPage['items'][number][]), [data]);
  return {
    items,
    loading: query.isFetching,
    error: query.error ? errorMessage(query.error) : '',
    more: query.hasNextPage ? () => void fetchNextPage() : undefined,
  };
}

/** A change on the server; afterwards every query under `invalidates` is fetched again. */
export function useAdminMutation<TVariables, TData>(
  mutationFn: (variables: TVariables) => Promise<TData>,
  invalidates: QueryKey,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invalidates }),
  });
}
