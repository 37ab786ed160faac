/** Session calls shared by the user app and the admin console (the stores may not import features). */
import { api, type Schemas } from '../api-client';

export const login = (body: Schemas['LoginIn']) => api('post', '/api/auth/login', { body, as: 'anonymous' });

export const register = (body: Schemas['RegisterIn']) => api('post', '/api/auth/register', { body, as: 'anonymous' });

/** Rotating refresh: the answer carries a new refresh token that replaces the old one. */
export const refreshTokens = (refreshToken: string) =>
  api('post', '/api/auth/refresh', { body: { refresh_token: refreshToken }, as: 'anonymous' });

/** Ends the session family of the current access token on the server. */
export const logoutSession = () => api('post', '/api/auth/logout');

export const fetchMe = (signal?: AbortSignal) => api('get', '/api/auth/me', { signal });
