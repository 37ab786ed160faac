import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { api, setApiIdentity } from '@/lib/api-client';
import { useSettings } from './settings';

export interface User {
  id: string;
  email: string;
  nickname?: string | null;
  role: 'user' | 'admin';
  credits: number;
  created_at: string;
}

export interface AuthSession {
  access_token: string;
  refresh_token: string;
  expires_in?: number;
  user: User;
}

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
      const s = await api<AuthSession>('/api/auth/refresh', { body: { refresh_token: token }, as: 'anonymous' });
      useAuth.setState({ accessToken: s.access_token, refreshToken: s.refresh_token, ...(s.user ? { user: s.user } : {}) });
      return true;
    } catch (err) {
      if (err && typeof err === 'object' && 'status' in err && (err.status === 401 || err.status === 403)) {
        sessionEndedHandler?.();
      }
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
