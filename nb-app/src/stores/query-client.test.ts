import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { useAuth } from './auth';
import { createQueryClient, shouldRetry } from './query-client';

const user = (id: number) => ({ id, email: `${id}@b.c`, nickname: null, role: 'user', credits: 0, created_at: '' });

describe('query client', () => {
  afterEach(() => useAuth.getState().clear());

  it('retries a network error or a 5xx once and never a 4xx', () => {
    expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetry(0, new ApiError(503, 'busy'))).toBe(true);
    expect(shouldRetry(1, new ApiError(503, 'busy'))).toBe(false);
    expect(shouldRetry(0, new ApiError(404, 'not found'))).toBe(false);
    expect(shouldRetry(0, new ApiError(401, 'expired'))).toBe(false);
  });

  it('forgets what it cached for one account when another signs in or the person signs out', () => {
    useAuth.setState({ accessToken: 'A', user: user(1) });
    const client = createQueryClient();
    client.setQueryData(['account', 'keys'], [{ id: 1, name: 'mine' }]);
    useAuth.getState().setCredits(5);
    expect(client.getQueryData(['account', 'keys'])).toBeDefined();
    useAuth.setState({ accessToken: 'B', user: user(2) });
    expect(client.getQueryData(['account', 'keys'])).toBeUndefined();
    client.setQueryData(['account', 'keys'], [{ id: 2, name: 'theirs' }]);
    useAuth.getState().clear();
    expect(client.getQueryData(['account', 'keys'])).toBeUndefined();
  });
});
