import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDb } from '@/testing/db';
import { jsonResponse } from '@/testing/fixtures';
import { getDb } from '@/lib/db';
import { saveImage } from '@/lib/images';
import { PNG_1x1 } from '@/testing/fixtures';
import { currentOwner, useAuth } from './auth';
import { useConversations } from './conversations';
import { useGeneration } from './generation';
import { authenticate, logout } from './session';
import { useSettings } from './settings';
import { useUi } from './ui';

const user = { id: 1, email: 'a@example.com', nickname: null, role: 'user', credits: 10, created_at: '2026-01-01' };

describe('session', () => {
  const requests: { url: string; body: unknown; headers: Headers }[] = [];

  beforeEach(async () => {
    await freshDb();
    requests.length = 0;
    useAuth.getState().clear();
    useSettings.setState({ guestKey: 'secret-guest-key', visitorId: 'visitor-1' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
        requests.push({ url, body, headers: new Headers(init?.headers) });
        if (url === '/api/auth/login')
          return jsonResponse({ access_token: 'A', refresh_token: 'R', token_type: 'bearer', expires_in: 900, user });
        if (url.startsWith('/api/conversations')) return jsonResponse({ items: [], next_cursor: null });
        if (url === '/api/auth/logout') return new Response(null, { status: 204 });
        return jsonResponse({ detail: 'not found', code: 'not_found' }, 404);
      }),
    );
    await useConversations.getState().load();
  });

  afterEach(() => vi.unstubAllGlobals());

  it('login sends the visitor id, moves guest history to the account, closes the key dialog and rotates the visitor id', async () => {
    const conv = await useConversations.getState().create('m', 'guest work');
    useUi.getState().open('key');
    await authenticate({ mode: 'login', body: { email: user.email, password: 'pw' } });
    const login = requests.find((r) => r.url === '/api/auth/login');
    expect(login?.body).toMatchObject({ visitor_id: 'visitor-1' });
    expect(useUi.getState().dialog).toBeNull();
    expect(currentOwner()).toBe('user:1');
    expect(useConversations.getState().list.map((c) => c.id)).toContain(conv.id);
    expect(useSettings.getState().visitorId).not.toBe('visitor-1');
  });

  it('logout leaves nothing of the account readable and returns to an empty guest view', async () => {
    await authenticate({ mode: 'login', body: { email: user.email, password: 'pw' } });
    const conv = await useConversations.getState().create('m', 'private');
    await saveImage(
      { mimeType: 'image/png', data: PNG_1x1 },
      { owner: currentOwner(), conversationId: conv.id, generated: true },
    );
    await logout();
    expect(useAuth.getState().accessToken).toBeUndefined();
    expect(useConversations.getState().list).toEqual([]);
    const db = await getDb();
    expect(await db.getAllFromIndex('conversations', 'owner', 'user:1')).toEqual([]);
    expect(await db.getAll('images')).toEqual([]);
    expect(await db.getAllFromIndex('outbox', 'owner', 'user:1')).toEqual([]);
  });

  it('logout stops running generations before wiping the account', async () => {
    await authenticate({ mode: 'login', body: { email: user.email, password: 'pw' } });
    const controller = new AbortController();
    useGeneration.setState({
      inflight: { r1: { id: 'r1', conversationId: 'c', position: 1, startedAt: 0, parts: [], controller } },
    });
    await logout();
    expect(controller.signal.aborted).toBe(true);
  });

  it('never sends the guest key to the platform', async () => {
    await useConversations.getState().create('m', 'x');
    await authenticate({ mode: 'login', body: { email: user.email, password: 'pw' } });
    await logout();
    for (const r of requests) {
      expect(JSON.stringify(r.body ?? '')).not.toContain('secret-guest-key');
      expect([...r.headers.values()].join(' ')).not.toContain('secret-guest-key');
    }
  });
});
