import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { ApiError, setApiIdentity, type Schemas } from '@/lib/api-client';
import { refreshTokens } from '@/lib/api/auth';
import { useSettings } from './settings';

export type User = Schemas['UserOut'];
export type AuthSession = Schemas['TokenPairOut'];

interface AuthState {
  accessToken?: string;
  refreshToken?: string;
  user?: User;
  setSession: (session: AuthSession) => void;
  setUser: (user: User) => void;
  setCredits: (credits: number) => void;
  clear: () => void;
}

export const useAuth = create<AuthState>()(
  persist(
    (set) => ({
      setSession: (s) => set({ accessToken: s.access_token, refreshToken: s.refresh_token, user: s.user }),
      setUser: (user) => set({ user }),
      setCredits: (credits) => set((st) => (st.user ? { user: { ...st.user, credits } } : {})),
      clear: () => set({ accessToken: undefined, refreshToken: undefined, user: undefined }),
    }),
    { name: 'nb-auth', version: 1, storage: createJSONStorage(() => localStorage) },
  ),
);

/** The IndexedDB owner of whatever the current person sees. */
export function currentOwner(): string {
  const user = useAuth.getState().user;
  return user ? `user:${user.id}` : `guest:${useSettings.getState().visitorId}`;
}

export function isLoggedIn(): boolean {
  return Boolean(useAuth.getState().accessToken);
}

let refreshing: Promise<boolean> | undefined;

/** Rotating refresh: the new refresh token replaces the old one; a 401 means the session is over. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const token = useAuth.getState().refreshToken;
    if (!token) return false;
    try {
      useAuth.getState().setSession(await refreshTokens(token));
      return true;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) sessionEndedHandler?.();
      return false;
    }
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

let sessionEndedHandler: (() => void) | undefined;

export function onSessionEnded(handler: () => void): void {
  sessionEndedHandler = handler;
}

setApiIdentity({
  accessToken: () => useAuth.getState().accessToken,
  visitorId: () => useSettings.getState().visitorId,
  refresh: refreshSession,
});
