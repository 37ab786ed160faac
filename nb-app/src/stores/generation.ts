import { create } from 'zustand';
import { fetchBalance } from '@/lib/api/credits';
import type { MessageRecord } from '@/lib/db';
import { generate, type Endpoint } from '@/lib/gemini/client';
import { GenerationError, toGenerationError } from '@/lib/gemini/errors';
import { classifyOutcome, finalImages, toContextContents } from '@/lib/gemini/parts';
import type { Content, GenerateResult, ImageRef, Part } from '@/lib/gemini/types';
import { resolveParts, storeParts } from '@/lib/images';
import { uuid } from '@/lib/uuid';
import { modelThinks } from '@/config/models';
import { refreshSession, useAuth } from './auth';
import { useConversations } from './conversations';
import { useSettings } from './settings';
import { useUi } from './ui';

export interface GenerationOptions {
  model: string;
  imageSize?: string;
  aspectRatio?: string;
  stream: boolean;
  sendContext: boolean;
  grounding: boolean;
}

export interface SendRequest {
  conversationId: string;
  prompt: string;
  inputs: ImageRef[];
  options: GenerationOptions;
  runs?: number;
  label?: string;
  signal?: AbortSignal;
  /** Regenerate: answer this stored user turn again instead of adding a new one. */
  replyTo?: MessageRecord;
}

export interface RunOutcome {
  ok: boolean;
  images: ImageRef[];
  messageId?: string;
  error?: GenerationError;
}

export interface InFlight {
  id: string;
  conversationId: string;
  position: number;
  startedAt: number;
  thinkingEndedAt?: number;
  parts: Part[];
  label?: string;
  controller: AbortController;
}

interface GenerationState {
  inflight: Record<string, InFlight>;
  send: (req: SendRequest) => Promise<RunOutcome[]>;
  stop: (id: string) => void;
  stopConversation: (conversationId: string) => void;
  stopAll: () => void;
}

function endpoint(): Endpoint {
  const { accessToken } = useAuth.getState();
  if (accessToken) return { kind: 'platform', baseUrl: globalThis.location?.origin ?? '', token: accessToken };
  const s = useSettings.getState();
  if (!s.guestKey) throw new GenerationError('bad_key', 'missing key');
  return { kind: 'guest', apiKey: s.guestKey, baseUrl: s.guestBaseUrl || undefined, mode: s.guestMode };
}

async function refreshCredits(): Promise<void> {
  if (!useAuth.getState().accessToken) return;
  try {
    const { balance } = await fetchBalance();
    useAuth.getState().setCredits(balance);
  } catch {
    /* the chip keeps its last value */
  }
}

async function contextFor(conversationId: string, before: number, options: GenerationOptions): Promise<Content[]> {
  if (!options.sendContext) return [];
  const history = (useConversations.getState().messages[conversationId] ?? [])
    .filter((m) => m.position < before && m.status === 'done')
    .map((m) => ({ role: m.role, parts: m.parts }));
  const contents = toContextContents(history);
  return Promise.all(contents.map(async (c) => ({ role: c.role, parts: await resolveParts(c.parts) })));
}

async function callWithSession(
  req: Parameters<typeof generate>[1],
  opts: Parameters<typeof generate>[2],
): Promise<GenerateResult> {
  try {
    return await generate(endpoint(), req, opts);
  } catch (err) {
    const e = toGenerationError(err, opts.signal);
    if (e.kind === 'unauthorized' && useAuth.getState().accessToken && (await refreshSession())) {
      return generate(endpoint(), req, opts);
    }
    throw e;
  }
}

function newUserMessage(req: SendRequest, owner: string): MessageRecord {
  return {
    id: uuid(),
    owner,
    conversationId: req.conversationId,
    role: 'user',
    parts: [...(req.prompt ? [{ text: req.prompt }] : []), ...req.inputs.map((imageRef) => ({ imageRef }))],
    position: 0,
    createdAt: Date.now(),
    status: 'done',
    meta: { model: req.options.model, pipeline: req.label },
  };
}

export const useGeneration = create<GenerationState>()((set, get) => {
  const patch = (id: string, change: Partial<InFlight>) =>
    set((s) => (s.inflight[id] ? { inflight: { ...s.inflight, [id]: { ...s.inflight[id], ...change } } } : {}));

  async function runOne(req: SendRequest, contents: Content[], position: number, owner: string): Promise<RunOutcome> {
    const id = uuid();
    const controller = new AbortController();
    req.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const startedAt = Date.now();
    set((s) => ({
      inflight: {
        ...s.inflight,
        [id]: { id, conversationId: req.conversationId, position, startedAt, parts: [], label: req.label, controller },
      },
    }));
    const base = { id, owner, conversationId: req.conversationId, role: 'model' as const, position };
    const meta = {
      model: req.options.model,
      imageSize: req.options.imageSize,
      aspectRatio: req.options.aspectRatio,
      pipeline: req.label,
    };
    const save = async (message: MessageRecord) => {
      await useConversations.getState().addMessage(message);
    };
    try {
      const result = await callWithSession(
        {
          model: req.options.model,
          contents,
          image: { imageSize: req.options.imageSize, aspectRatio: req.options.aspectRatio },
          includeThoughts: modelThinks(req.options.model),
          grounding: req.options.grounding,
        },
        {
          stream: req.options.stream,
          signal: controller.signal,
          idempotencyKey: uuid(),
          onParts: (parts) => {
            const cur = get().inflight[id];
            const thinkingEndedAt = cur?.thinkingEndedAt ?? (parts.some((p) => !p.thought) ? Date.now() : undefined);
            patch(id, { parts, thinkingEndedAt });
          },
        },
      );
      const durationMs = Date.now() - startedAt;
      const thinkingEndedAt = get().inflight[id]?.thinkingEndedAt;
      const thinkingMs =
        result.parts.some((p) => p.thought) && thinkingEndedAt ? thinkingEndedAt - startedAt : undefined;
      const parts = await storeParts(result.parts, {
        owner,
        conversationId: req.conversationId,
        prompt: req.prompt,
        generated: true,
      });
      const outcome = classifyOutcome(result);
      const ok = outcome.kind === 'image';
      await save({
        ...base,
        parts,
        createdAt: Date.now(),
        status: ok ? 'done' : 'error',
        ...(ok ? {} : { error: { kind: outcome.kind, message: 'reason' in outcome ? outcome.reason : outcome.text } }),
        meta: { ...meta, durationMs, thinkingMs },
      });
      const images = finalImages(parts).flatMap((p) => (p.imageRef ? [p.imageRef] : []));
      return { ok, images, messageId: id, error: ok ? undefined : new GenerationError('unknown', outcome.kind) };
    } catch (err) {
      const error = toGenerationError(err, controller.signal);
      if (error.kind === 'no_credits') useUi.getState().open('redeem');
      if (error.kind === 'bad_key' && !useAuth.getState().accessToken) useUi.getState().open('key');
      if (error.kind !== 'aborted') {
        await save({
          ...base,
          parts: [],
          createdAt: Date.now(),
          status: 'error',
          error: { kind: error.kind, message: error.message },
          meta,
        });
      }
      return { ok: false, images: [], error };
    } finally {
      set((s) => {
        const rest = { ...s.inflight };
        delete rest[id];
        return { inflight: rest };
      });
      void refreshCredits();
      if (controller.signal.aborted) for (const ms of [1000, 3000, 6000]) setTimeout(() => void refreshCredits(), ms);
    }
  }

  return {
    inflight: {},

    send: async (req) => {
      const conversations = useConversations.getState();
      const runs = Math.max(1, Math.min(4, req.runs ?? 1));
      const owner = conversations.list.find((c) => c.id === req.conversationId)?.owner ?? conversations.owner;
      const userMessage = req.replyTo ?? newUserMessage(req, owner);
      const start = conversations.allocatePositions(req.conversationId, req.replyTo ? runs : runs + 1);
      if (!req.replyTo) userMessage.position = start;
      const history = await contextFor(req.conversationId, userMessage.position, req.options);
      if (!req.replyTo) await conversations.addMessage(userMessage);
      const contents = [...history, { role: 'user' as const, parts: await resolveParts(userMessage.parts) }];
      const first = req.replyTo ? start : start + 1;
      return Promise.all(Array.from({ length: runs }, (_, i) => runOne(req, contents, first + i, owner)));
    },

    stop: (id) => get().inflight[id]?.controller.abort(),

    stopAll: () => {
      for (const run of Object.values(get().inflight)) run.controller.abort();
    },

    stopConversation: (conversationId) => {
      for (const run of Object.values(get().inflight)) {
        if (run.conversationId === conversationId) run.controller.abort();
      }
    },
  };
});
