import { beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDb } from '@/testing/db';
import { deferred, waitFor } from '@/testing/deferred';
import { PNG_1x1 } from '@/testing/fixtures';
import type { CallOptions, Endpoint } from '@/lib/gemini/client';
import type { GenerateRequest, GenerateResult } from '@/lib/gemini/types';
import { GenerationError } from '@/lib/gemini/errors';
import { getDb } from '@/lib/db';
import { useConversations } from './conversations';
import { useGeneration, type GenerationOptions } from './generation';
import { useSettings } from './settings';
import { useUi } from './ui';
import { useAuth } from './auth';

type Call = { endpoint: Endpoint; req: GenerateRequest; opts: CallOptions };
const calls: Call[] = [];
let impl: (call: Call) => Promise<GenerateResult>;

vi.mock('@/lib/gemini/client', () => ({
  generate: (endpoint: Endpoint, req: GenerateRequest, opts: CallOptions) => {
    const call = { endpoint, req, opts };
    calls.push(call);
    return impl(call);
  },
}));

const options: GenerationOptions = {
  model: 'gemini-3-pro-image-preview',
  stream: true,
  sendContext: true,
  grounding: false,
};
const imageResult = (sig: string): GenerateResult => ({
  parts: [
    { text: 'hmm', thought: true },
    { inlineData: { mimeType: 'image/png', data: PNG_1x1 }, thoughtSignature: sig },
  ],
  finishReason: 'STOP',
});

describe('generation', () => {
  beforeEach(async () => {
    await freshDb();
    calls.length = 0;
    useAuth.getState().clear();
    useSettings.setState({ guestKey: 'my-key', guestBaseUrl: 'http://sim', guestMode: 'native' });
    useUi.setState({ dialog: null });
    useGeneration.setState({ inflight: {} });
    await useConversations.getState().load();
  });

  it('delivers the result to the conversation it started in, even after switching away', async () => {
    const gate = deferred<GenerateResult>();
    impl = () => gate.promise;
    const a = await useConversations.getState().create('m', 'A');
    const pending = useGeneration.getState().send({ conversationId: a.id, prompt: 'cat', inputs: [], options });
    await waitFor(() => calls.length === 1);
    const b = await useConversations.getState().create('m', 'B');
    expect(useConversations.getState().activeId).toBe(b.id);
    gate.resolve(imageResult('S'));
    await pending;
    const stored = await (await getDb()).getAllFromIndex('messages', 'conversation', a.id);
    expect(stored.sort((x, y) => x.position - y.position).map((m) => m.role)).toEqual(['user', 'model']);
    expect(await (await getDb()).getAllFromIndex('messages', 'conversation', b.id)).toHaveLength(0);
    expect(useConversations.getState().messages[b.id]).toEqual([]);
  });

  it('Stop aborts the request and stores no reply', async () => {
    impl = ({ opts }) =>
      new Promise((_, reject) =>
        opts.signal.addEventListener('abort', () => reject(new GenerationError('aborted', 'aborted'))),
      );
    const conv = await useConversations.getState().create('m');
    const pending = useGeneration.getState().send({ conversationId: conv.id, prompt: 'cat', inputs: [], options });
    await waitFor(() => Object.keys(useGeneration.getState().inflight).length === 1);
    useGeneration.getState().stopConversation(conv.id);
    const [outcome] = await pending;
    expect(outcome.error?.kind).toBe('aborted');
    expect(calls[0].opts.signal.aborted).toBe(true);
    expect(useGeneration.getState().inflight).toEqual({});
    const stored = await (await getDb()).getAllFromIndex('messages', 'conversation', conv.id);
    expect(stored.map((m) => m.role)).toEqual(['user']);
  });

  it('writes IndexedDB once per message, never per stream chunk', async () => {
    impl = async ({ opts }) => {
      let parts: GenerateResult['parts'] = [];
      for (let i = 0; i < 40; i++) {
        parts = [...parts, { text: `t${i}`, thought: true }];
        opts.onParts?.(parts);
      }
      return imageResult('S');
    };
    const conv = await useConversations.getState().create('m');
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    await useGeneration.getState().send({ conversationId: conv.id, prompt: 'cat', inputs: [], options });
    const messageWrites = put.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'messages');
    expect(messageWrites).toHaveLength(2);
    put.mockRestore();
  });

  it('sends earlier turns with their thought signatures when context is on', async () => {
    impl = async () => imageResult(`SIG-${calls.length}`);
    const conv = await useConversations.getState().create('m');
    await useGeneration.getState().send({ conversationId: conv.id, prompt: 'a cat', inputs: [], options });
    await useGeneration.getState().send({ conversationId: conv.id, prompt: 'now at night', inputs: [], options });
    const contents = calls[1].req.contents;
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(contents[1].parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: PNG_1x1 }, thoughtSignature: 'SIG-1' },
    ]);
    await useGeneration
      .getState()
      .send({ conversationId: conv.id, prompt: 'alone', inputs: [], options: { ...options, sendContext: false } });
    expect(calls[2].req.contents).toHaveLength(1);
  });

  it('uses the guest key only for the upstream call and opens the key dialog when it is missing', async () => {
    impl = async () => imageResult('S');
    const conv = await useConversations.getState().create('m');
    await useGeneration.getState().send({ conversationId: conv.id, prompt: 'x', inputs: [], options });
    expect(calls[0].endpoint).toEqual({ kind: 'guest', apiKey: 'my-key', baseUrl: 'http://sim', mode: 'native' });
    useSettings.setState({ guestKey: '' });
    const [outcome] = await useGeneration
      .getState()
      .send({ conversationId: conv.id, prompt: 'x', inputs: [], options });
    expect(outcome.error?.kind).toBe('bad_key');
    expect(useUi.getState().dialog).toBe('key');
  });

  it('opens the redeem dialog on 402 and records an actionable error', async () => {
    useAuth.setState({
      accessToken: 'jwt',
      user: { id: 1, email: 'a@b.c', nickname: null, role: 'user', credits: 0, created_at: '' },
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ balance: 0 }), { status: 200 })),
    );
    impl = async () => {
      throw new GenerationError('no_credits', 'insufficient credits', 402);
    };
    const conv = await useConversations.getState().create('m');
    await useGeneration.getState().send({ conversationId: conv.id, prompt: 'x', inputs: [], options });
    expect(calls[0].endpoint).toMatchObject({ kind: 'platform', token: 'jwt' });
    expect(useUi.getState().dialog).toBe('redeem');
    const model = useConversations.getState().messages[conv.id].find((m) => m.role === 'model');
    expect(model?.error?.kind).toBe('no_credits');
    vi.unstubAllGlobals();
  });
});
