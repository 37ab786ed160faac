import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '@/lib/api/auth';
import { useAuth } from '@/stores/auth';

export const meKey = ['auth', 'me'] as const;

/**
 * While someone is signed in, asks the server who they are and refreshes the auth store's copy (credits, role):
 * the store stays the one place the UI reads the user from.
 */
export function useRefreshedUser() {
  const signedIn = useAuth((s) => Boolean(s.accessToken));
  const userId = useAuth((s) => s.user?.id);
  return useQuery({
    queryKey: [...meKey, userId],
    queryFn: async ({ signal }) => {
      const me = await fetchMe(signal);
      if (useAuth.getState().accessToken) useAuth.getState().setUser(me);
      return me;
    },
    enabled: signedIn,
  });
}
