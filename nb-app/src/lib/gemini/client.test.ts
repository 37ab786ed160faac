import { describe, expect, it } from 'vitest';
import { jsonResponse, PNG_1x1, sseResponse } from '@/testing/fixtures';
import { generate, type Endpoint } from './client';
import { GenerationError } from './errors';
import type { GenerateRequest } from './types';

const request: GenerateRequest = {
  model: 'gemini-3-pro-image-preview',
  contents: [
    { role: 'user', parts: [{ text: 'a cat' }] },
    { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: PNG_1x1 }, thoughtSignature: 'SIG-1' }] },
    { role: 'user', parts: [{ text: 'make it night' }] },
  ],
  image: { aspectRatio: '16:9', imageSize: '2K' },
  includeThoughts: true,
  grounding: false,
};

const answer = {
  candidates: [
    {
      content: {
        role: 'model',
        parts: [
          { text: 'plan', thought: true },
          { inlineData: { mimeType: 'image/png', data: 'DRAFT' }, thought: true },
          { inlineData: { mimeType: 'image/png', data: PNG_1x1 }, thoughtSignature: 'SIG-2' },
        ],
      },
      finishReason: 'STOP',
    },
  ],
};

function capture(response: () => Response) {
  const calls: { url: string; headers: Headers; body: Record<string, unknown> }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Record<string, unknown>;
    calls.push({ url, headers: new Headers(init?.headers), body });
    return response();
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const guest: Endpoint = { kind: 'guest', apiKey: 'test-key', baseUrl: 'http://sim.local:8099', mode: 'native' };
const platform: Endpoint = { kind: 'platform', baseUrl: 'http://app.local', token: 'jwt-123' };

describe('gemini client', () => {
  it('guest mode sends the own key to the chosen endpoint and the signatures back unchanged', async () => {
    const { calls, fetchImpl } = capture(() => jsonResponse(answer));
    const res = await generate(guest, request, { stream: false, signal: new AbortController().signal, fetchImpl });
    expect(calls[0].url).toBe('http://sim.local:8099/v1beta/models/gemini-3-pro-image-preview:generateContent');
    expect(calls[0].headers.get('x-goog-api-key')).toBe('test-key');
    expect(calls[0].headers.get('authorization')).toBeNull();
    const contents = calls[0].body.contents as { parts: { thoughtSignature?: string }[] }[];
    expect(contents[1].parts[0].thoughtSignature).toBe('SIG-1');
    expect(calls[0].body.generationConfig).toMatchObject({
      imageConfig: { aspectRatio: '16:9', imageSize: '2K' },
      thinkingConfig: { includeThoughts: true },
    });
    expect(res.parts.at(-1)).toEqual({
      inlineData: { mimeType: 'image/png', data: PNG_1x1 },
      thoughtSignature: 'SIG-2',
    });
  });

  it('logged-in mode goes to the same origin with the JWT and an idempotency key, never a guest key', async () => {
    const { calls, fetchImpl } = capture(() =>
      sseResponse([
        { candidates: [{ content: { parts: [{ text: 'thinking', thought: true }] } }] },
        {
          candidates: [
            {
              content: { parts: [{ inlineData: { mimeType: 'image/png', data: PNG_1x1 }, thoughtSignature: 'S' }] },
              finishReason: 'STOP',
            },
          ],
        },
      ]),
    );
    const seen: number[] = [];
    const res = await generate(platform, request, {
      stream: true,
      signal: new AbortController().signal,
      fetchImpl,
      idempotencyKey: 'idem-1',
      onParts: (p) => seen.push(p.length),
    });
    expect(calls[0].url).toBe(
      'http://app.local/v1beta/models/gemini-3-pro-image-preview:streamGenerateContent?alt=sse',
    );
    expect(calls[0].headers.get('authorization')).toBe('Bearer jwt-123');
    expect(calls[0].headers.get('idempotency-key')).toBe('idem-1');
    expect(calls[0].headers.get('x-goog-api-key')).not.toBe('test-key');
    expect(seen).toEqual([1, 2]);
    expect(res.finishReason).toBe('STOP');
    expect(res.parts[1].thoughtSignature).toBe('S');
  });

  it('maps 402 to no_credits and a bad key to bad_key', async () => {
    const noCredits = capture(() =>
      jsonResponse({ error: { code: 402, status: 'FAILED_PRECONDITION', message: 'insufficient credits' } }, 402),
    );
    await expect(
      generate(platform, request, {
        stream: false,
        signal: new AbortController().signal,
        fetchImpl: noCredits.fetchImpl,
      }),
    ).rejects.toMatchObject({ kind: 'no_credits' });
    const badKey = capture(() =>
      jsonResponse(
        {
          error: {
            code: 400,
            status: 'INVALID_ARGUMENT',
            message: 'API key not valid. Please pass a valid API key.',
            details: [{ reason: 'API_KEY_INVALID' }],
          },
        },
        400,
      ),
    );
    await expect(
      generate(guest, request, { stream: false, signal: new AbortController().signal, fetchImpl: badKey.fetchImpl }),
    ).rejects.toMatchObject({ kind: 'bad_key' });
  });

  it('Stop aborts the HTTP request itself', async () => {
    const controller = new AbortController();
    let aborted = false;
    const fetchImpl = ((_: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(new DOMException('aborted', 'AbortError'));
        });
      })) as typeof fetch;
    const pending = generate(platform, request, { stream: false, signal: controller.signal, fetchImpl });
    setTimeout(() => controller.abort(), 10);
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenerationError);
    expect((err as GenerationError).kind).toBe('aborted');
    expect(aborted).toBe(true);
  });

  it('OpenAI-compatible relays get chat/completions with the images as data URLs', async () => {
    const { calls, fetchImpl } = capture(() =>
      jsonResponse({
        choices: [
          {
            message: { content: 'done', images: [{ image_url: { url: `data:image/png;base64,${PNG_1x1}` } }] },
            finish_reason: 'stop',
          },
        ],
      }),
    );
    const res = await generate({ ...guest, mode: 'openai', baseUrl: 'http://relay.local/v1' }, request, {
      stream: false,
      signal: new AbortController().signal,
      fetchImpl,
    });
    expect(calls[0].url).toBe('http://relay.local/v1/chat/completions');
    expect(calls[0].headers.get('authorization')).toBe('Bearer test-key');
    expect(res.parts).toEqual([{ text: 'done' }, { inlineData: { mimeType: 'image/png', data: PNG_1x1 } }]);
  });
});
