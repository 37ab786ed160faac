import { useCallback, useEffect, useState } from 'react';
import { api } from '@/lib/api-client';

interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

/** A cursor-paginated admin list; `query` changes restart it from the first page. */
export function usePaged<T>(path: string, query: Record<string, string | undefined>) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1]))).toString();

  const load = useCallback(
    async (from: string | null) => {
      setLoading(true);
      setError('');
      try {
        const params = new URLSearchParams(qs);
        params.set('limit', '50');
        if (from) params.set('cursor', from);
        const res = await api<Page<T> | T[]>(`${path}?${params}`);
        const page = Array.isArray(res) ? { items: res, next_cursor: null } : res;
        setItems((cur) => (from ? [...cur, ...page.items] : page.items));
        setCursor(page.next_cursor ?? null);
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      } finally {
        setLoading(false);
      }
    },
    [path, qs],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, loading, error, more: cursor ? () => load(cursor) : undefined, reload: () => load(null) };
}
