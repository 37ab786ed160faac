import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '@/testing/fixtures';
import { useAuth } from '@/stores/auth';
import { useSettings } from '@/stores/settings';
import { api, ApiError, apiResponse, buildUrl, toApiError } from './api-client';

const user = { id: 1, email: 'a@b.c', nickname: null, role: 'user', credits: 1, created_at: '' };

describe('api client', () => {
  let seen: { url: string; method?: string; headers: Headers; body?: string }[] = [];
  const answer = (respond: (url: string, headers: Headers) => Response) =>
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init: RequestInit) => {
        const headers = new Headers(init.headers);
        seen.push({ url, method: init.method, headers, body: init.body as string | undefined });
        return Promise.resolve(respond(url, headers));
      }),
    );

  beforeEach(() => {
    seen = [];
    useSettings.setState({ visitorId: 'v-1' });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    useAuth.getState().clear();
  });

  it('identifies guests by visitor id and users by bearer token only', async () => {
    answer(() => jsonResponse({ items: [] }));
    await api('get', '/api/conversations');
    expect(seen[0].headers.get('x-visitor-id')).toBe('v-1');
    useAuth.setState({ accessToken: 'A', refreshToken: 'R', user });
    await api('get', '/api/conversations');
    expect(seen[1].headers.get('authorization')).toBe('Bearer A');
    expect(seen[1].headers.get('x-visitor-id')).toBeNull();
  });

  it('sends no identity at all for anonymous calls', async () => {
    useAuth.setState({ accessToken: 'A', refreshToken: 'R', user });
    answer(() => jsonResponse([]));
    await api('get', '/api/models', { as: 'anonymous' });
    expect(seen[0].headers.get('authorization')).toBeNull();
    expect(seen[0].headers.get('x-visitor-id')).toBeNull();
  });

  it('refreshes an expired access token once, stores the rotated pair and retries', async () => {
    useAuth.setState({ accessToken: 'old', refreshToken: 'R1', user });
    answer((url, headers) => {
      if (url === '/api/auth/refresh')
        return jsonResponse({ access_token: 'new', refresh_token: 'R2', expires_in: 900, user });
      return headers.get('authorization') === 'Bearer new'
        ? jsonResponse({ balance: 5 })
        : jsonResponse({ detail: 'expired', code: 'token_expired' }, 401);
    });
    await expect(api('get', '/api/credits/balance')).resolves.toEqual({ balance: 5 });
    expect(JSON.parse(seen[1].body ?? '{}')).toEqual({ refresh_token: 'R1' });
    expect(useAuth.getState()).toMatchObject({ accessToken: 'new', refreshToken: 'R2' });
  });

  it('gives up after one refresh: a second 401 is the caller’s error', async () => {
    useAuth.setState({ accessToken: 'old', refreshToken: 'R1', user });
    answer((url) =>
      url === '/api/auth/refresh'
        ? jsonResponse({ access_token: 'new', refresh_token: 'R2', expires_in: 900, user })
        : jsonResponse({ detail: 'no', code: 'token_invalid' }, 401),
    );
    await expect(api('get', '/api/auth/me')).rejects.toMatchObject({ status: 401, code: 'token_invalid' });
    expect(seen.map((s) => s.url)).toEqual(['/api/auth/me', '/api/auth/refresh', '/api/auth/me']);
  });

  it('maps error envelopes to ApiError with status and code', async () => {
    answer(() => jsonResponse({ detail: 'code already used', code: 'code_used' }, 409));
    const err = await api('post', '/api/redeem', { body: { code: 'X' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'code_used', message: 'code already used' });
  });

  it('keeps the status text when the error body is not JSON, and shows a detail that is not text as JSON', async () => {
    const plain = await toApiError(
      new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(plain).toMatchObject({ status: 502, message: 'Bad Gateway', code: undefined });
    const detail = [{ loc: ['body', 'code'], msg: 'Field required', type: 'missing' }];
    const invalid = await toApiError(jsonResponse({ detail }, 422));
    expect(invalid).toMatchObject({ status: 422, message: JSON.stringify(detail) });
  });

  it('fills path parameters, encodes them, and sends method and JSON body', async () => {
    answer(() => new Response(null, { status: 204 }));
    await expect(api('delete', '/api/keys/{key_id}', { path: { key_id: 7 } })).resolves.toBeUndefined();
    answer(() => jsonResponse({ id: 'a/b' }));
    await api('put', '/api/admin/models/{model}', { path: { model: 'a/b c' }, body: { credits: 3 } });
    expect(seen.map((s) => [s.method, s.url])).toEqual([
      ['DELETE', '/api/keys/7'],
      ['PUT', '/api/admin/models/a%2Fb%20c'],
    ]);
    expect(seen[1].headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(seen[1].body ?? '')).toEqual({ credits: 3 });
  });

  it('answers the raw response for non-JSON bodies', async () => {
    answer(() => new Response('code\nX', { status: 200, headers: { 'content-type': 'text/csv' } }));
    const res = await apiResponse('get', '/api/admin/redeem-codes/export', { query: { batch_id: 4 } });
    expect(await res.text()).toBe('code\nX');
    expect(seen[0].url).toBe('/api/admin/redeem-codes/export?batch_id=4');
  });
});

describe('buildUrl', () => {
  it('leaves out undefined and null query values and repeats arrays', () => {
    expect(buildUrl('/api/x', undefined, { q: 'a b', cursor: undefined, status: null, limit: 50, flag: false })).toBe(
      '/api/x?q=a+b&limit=50&flag=false',
    );
    expect(buildUrl('/api/x', undefined, { tag: ['a', 'b'] })).toBe('/api/x?tag=a&tag=b');
    expect(buildUrl('/api/x', undefined, {})).toBe('/api/x');
  });

  it('refuses a template whose path parameter is missing', () => {
    expect(() => buildUrl('/api/users/{user_id}', {})).toThrow(/user_id/);
  });
});
