import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '@/testing/fixtures';
import { useAuth } from '@/stores/auth';
import { useSettings } from '@/stores/settings';
import { api, ApiError } from './api-client';

const user = { id: 'u1', email: 'a@b.c', role: 'user' as const, credits: 1, created_at: '' };

describe('api client', () => {
  let seen: { url: string; headers: Headers; body?: string }[] = [];
  beforeEach(() => {
    seen = [];
    useSettings.setState({ visitorId: 'v-1' });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    useAuth.getState().clear();
  });

  it('identifies guests by visitor id and users by bearer token only', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      seen.push({ url, headers: new Headers(init.headers) });
      return jsonResponse({ items: [] });
    }));
    await api('/api/conversations');
    expect(seen[0].headers.get('x-visitor-id')).toBe('v-1');
    useAuth.setState({ accessToken: 'A', refreshToken: 'R', user });
    await api('/api/conversations');
    expect(seen[1].headers.get('authorization')).toBe('Bearer A');
    expect(seen[1].headers.get('x-visitor-id')).toBeNull();
  });

  it('refreshes an expired access token once, stores the rotated pair and retries', async () => {
    useAuth.setState({ accessToken: 'old', refreshToken: 'R1', user });
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      const headers = new Headers(init.headers);
      seen.push({ url, headers, body: init.body as string });
      if (url === '/api/auth/refresh') return jsonResponse({ access_token: 'new', refresh_token: 'R2', user });
      return headers.get('authorization') === 'Bearer new' ? jsonResponse({ balance: 5 }) : jsonResponse({ detail: 'expired', code: 'token_expired' }, 401);
    }));
    await expect(api('/api/credits/balance')).resolves.toEqual({ balance: 5 });
    expect(JSON.parse(seen[1].body ?? '{}')).toEqual({ refresh_token: 'R1' });
    expect(useAuth.getState()).toMatchObject({ accessToken: 'new', refreshToken: 'R2' });
  });

  it('maps error envelopes to ApiError with status and code', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse({ detail: 'code already used', code: 'code_used' }, 409)));
    const err = await api('/api/redeem', { body: { code: 'X' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'code_used', message: 'code already used' });
  });
});
