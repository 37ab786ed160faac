import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDb } from '@/testing/db';
import { jsonResponse, PNG_1x1 } from '@/testing/fixtures';
import { useSettings } from '@/stores/settings';
import '@/stores/auth';
import { getDb } from '../db';
import { saveImage } from '../images';
import { sendOutboxRecord } from './transport';

describe('sync transport', () => {
  const calls: { url: string; headers: Headers; body: Record<string, unknown> }[] = [];

  beforeEach(async () => {
    await freshDb();
    calls.length = 0;
    useSettings.setState({ visitorId: '4b7a1c1e-8a55-4d4b-9d3c-1f2e3d4c5b6a', guestKey: 'never-upload-me' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        const body = JSON.parse(typeof init.body === 'string' ? init.body : '{}') as Record<string, unknown>;
        calls.push({ url, headers: new Headers(init.headers), body });
        return url === '/api/conversations' ? jsonResponse({ id: 17 }, 201) : jsonResponse({ id: 1 }, 201);
      }),
    );
  });

  afterEach(() => vi.unstubAllGlobals());

  it('creates the conversation, then posts raw parts with inline images, signatures and the client id', async () => {
    const db = await getDb();
    const owner = 'guest:v';
    await db.put('conversations', { id: 'local-1', owner, title: 't', model: 'm', createdAt: 1, updatedAt: 1 });
    const ref = await saveImage({ mimeType: 'image/png', data: PNG_1x1 }, { owner, generated: true });
    await db.put('messages', {
      id: 'client-1',
      owner,
      conversationId: 'local-1',
      role: 'model',
      position: 1,
      createdAt: 1,
      status: 'done',
      parts: [
        { text: 'thinking', thought: true },
        { imageRef: ref, thoughtSignature: 'SIG' },
      ],
    });
    expect(
      await sendOutboxRecord({
        owner,
        attempts: 0,
        op: { kind: 'conversation.create', conversationId: 'local-1', title: 't', model: 'm' },
      }),
    ).toBe('done');
    expect(
      await sendOutboxRecord({
        owner,
        attempts: 0,
        op: { kind: 'message.create', conversationId: 'local-1', messageId: 'client-1' },
      }),
    ).toBe('done');
    expect(calls[1].url).toBe('/api/conversations/17/messages');
    expect(calls[1].headers.get('x-visitor-id')).toBe('4b7a1c1e-8a55-4d4b-9d3c-1f2e3d4c5b6a');
    expect(calls[1].body).toEqual({
      client_id: 'client-1',
      role: 'model',
      position: 1,
      parts: [
        { text: 'thinking', thought: true },
        { inlineData: { mimeType: 'image/png', data: PNG_1x1 }, thoughtSignature: 'SIG' },
      ],
    });
    for (const c of calls)
      expect(JSON.stringify(c.body) + [...c.headers.values()].join()).not.toContain('never-upload-me');
  });

  it('asks for a retry on server errors and drops what the server refuses for good', async () => {
    const db = await getDb();
    await db.put('conversations', {
      id: 'c',
      owner: 'o',
      title: '',
      model: 'm',
      createdAt: 1,
      updatedAt: 1,
      remoteId: '5',
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ detail: 'busy', code: 'x' }, 503)),
    );
    expect(
      await sendOutboxRecord({
        owner: 'o',
        attempts: 0,
        op: { kind: 'conversation.rename', conversationId: 'c', title: 'x' },
      }),
    ).toBe('retry');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ detail: 'bad', code: 'x' }, 422)),
    );
    expect(
      await sendOutboxRecord({
        owner: 'o',
        attempts: 0,
        op: { kind: 'conversation.rename', conversationId: 'c', title: 'x' },
      }),
    ).toBe('drop');
  });
});
