import { GenerationError, toGenerationError } from './errors';
import { mergeChunk } from './parts';
import { generateOpenAiCompatible } from './openai';
import type { GenerateRequest, GenerateResult, Part } from './types';

/**
 * Where a generation goes. Both modes send the same Gemini request shape; only the address and the
 * credential differ. A guest's own key is used here and nowhere else.
 */
export type Endpoint =
  | { kind: 'platform'; baseUrl: string; token: string }
  | { kind: 'guest'; apiKey: string; baseUrl?: string; mode: 'native' | 'openai' };

export interface CallOptions {
  stream: boolean;
  signal: AbortSignal;
  /** Fresh per attempt: a network retry of the same attempt is not charged twice, a regenerate is. */
  idempotencyKey?: string;
  onParts?: (parts: Part[]) => void;
  fetchImpl?: typeof fetch;
}

export const GOOGLE_BASE_URL = 'https://generativelanguage.googleapis.com';

interface SdkPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: { mimeType?: string; data?: string };
}

interface SdkResponse {
  candidates?: { content?: { parts?: SdkPart[] }; finishReason?: string; finishMessage?: string }[];
  promptFeedback?: { blockReason?: string };
}

function toParts(parts: SdkPart[] | undefined): Part[] {
  return (parts ?? []).map((p) => {
    const part: Part = {};
    if (typeof p.text === 'string') part.text = p.text;
    if (p.thought) part.thought = true;
    if (p.thoughtSignature) part.thoughtSignature = p.thoughtSignature;
    if (p.inlineData?.data) {
      part.inlineData = { mimeType: p.inlineData.mimeType ?? 'image/png', data: p.inlineData.data };
    }
    return part;
  });
}

function buildConfig(req: GenerateRequest, signal: AbortSignal, headers: Record<string, string>) {
  const imageConfig: Record<string, string> = {};
  if (req.image.aspectRatio) imageConfig.aspectRatio = req.image.aspectRatio;
  if (req.image.imageSize) imageConfig.imageSize = req.image.imageSize;
  return {
    responseModalities: ['TEXT', 'IMAGE'],
    ...(Object.keys(imageConfig).length ? { imageConfig } : {}),
    ...(req.includeThoughts ? { thinkingConfig: { includeThoughts: true } } : {}),
    ...(req.grounding ? { tools: [{ googleSearch: {} }] } : {}),
    abortSignal: signal,
    httpOptions: { headers },
  };
}

function assertNoImageRefs(req: GenerateRequest): void {
  for (const content of req.contents) {
    if (content.parts.some((p) => p.imageRef)) {
      throw new GenerationError('invalid_request', 'image references must be resolved before sending');
    }
  }
}

async function generateNative(endpoint: Endpoint, req: GenerateRequest, opts: CallOptions): Promise<GenerateResult> {
  const { GoogleGenAI } = await import('@google/genai');
  const headers: Record<string, string> = {};
  let apiKey: string;
  let baseUrl: string;
  if (endpoint.kind === 'platform') {
    apiKey = 'session';
    baseUrl = endpoint.baseUrl;
    headers.Authorization = `Bearer ${endpoint.token}`;
  } else {
    apiKey = endpoint.apiKey;
    baseUrl = (endpoint.baseUrl || GOOGLE_BASE_URL).replace(/\/+$/, '');
  }
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  const ai = new GoogleGenAI({
    apiKey,
    httpOptions: { baseUrl, headers, ...(opts.fetchImpl ? { fetch: opts.fetchImpl } : {}) },
  });
  const params = {
    model: req.model,
    contents: req.contents.map((c) => ({ role: c.role, parts: c.parts })),
    config: buildConfig(req, opts.signal, headers),
  };
  if (!opts.stream) {
    const res = (await ai.models.generateContent(params)) as SdkResponse;
    const cand = res.candidates?.[0];
    const parts = toParts(cand?.content?.parts);
    opts.onParts?.(parts);
    return {
      parts,
      finishReason: cand?.finishReason,
      finishMessage: cand?.finishMessage,
      blockReason: res.promptFeedback?.blockReason,
    };
  }
  const result: GenerateResult = { parts: [] };
  const stream = await ai.models.generateContentStream(params);
  for await (const chunk of stream as AsyncIterable<SdkResponse>) {
    const cand = chunk.candidates?.[0];
    if (chunk.promptFeedback?.blockReason) result.blockReason = chunk.promptFeedback.blockReason;
    if (cand?.finishReason) result.finishReason = cand.finishReason;
    if (cand?.finishMessage) result.finishMessage = cand.finishMessage;
    const delta = toParts(cand?.content?.parts);
    if (delta.length) {
      result.parts = mergeChunk(result.parts, delta);
      opts.onParts?.(result.parts);
    }
  }
  return result;
}

/** One code path for every mode: native Gemini (platform or guest) or an OpenAI-compatible relay. */
export async function generate(endpoint: Endpoint, req: GenerateRequest, opts: CallOptions): Promise<GenerateResult> {
  assertNoImageRefs(req);
  try {
    if (endpoint.kind === 'guest' && endpoint.mode === 'openai') {
      return await generateOpenAiCompatible(endpoint.baseUrl ?? '', endpoint.apiKey, req, opts);
    }
    return await generateNative(endpoint, req, opts);
  } catch (err) {
    throw toGenerationError(err, opts.signal);
  }
}
