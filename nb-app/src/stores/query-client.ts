import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-client';
import { useAuth } from './auth';

/** A 4xx answer will be the same on a second try; a network error or a 5xx gets one more. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 1;
}

/**
 * The server-state cache of one entry (the user app or the admin console). Everything in it belongs to the
 * person signed in: when the account changes (login, logout) it is dropped, and each query still on screen is
 * fetched anew, as the new person, when its component renders next.
 */
export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  useAuth.subscribe((state, previous) => {
    if (state.user?.id !== previous.user?.id) client.removeQueries();
  });
  return client;
}
