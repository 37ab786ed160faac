import { errorFromStatus } from './errors';
import type { CallOptions } from './client';
import type { GenerateRequest, GenerateResult, Part } from './types';

type OpenAiContent = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

interface OpenAiMessage {
  content?: string | null;
  images?: { image_url?: { url?: string } }[];
}

const DATA_URL = /data:(image\/[a-z+.-]+);base64,([A-Za-z0-9+/=]+)/g;

function toMessages(req: GenerateRequest) {
  return req.contents.map((c) => ({
    role: c.role === 'model' ? 'assistant' : 'user',
    content: c.parts.flatMap<OpenAiContent>((p) => {
      if (p.inlineData) {
        return [{ type: 'image_url', image_url: { url: `data:${p.inlineData.mimeType};base64,${p.inlineData.data}` } }];
      }
      return typeof p.text === 'string' && !p.thought ? [{ type: 'text', text: p.text }] : [];
    }),
  }));
}

/** Reads images either from `message.images` (OpenRouter style) or from data URLs inside the text. */
export function partsFromOpenAiMessage(message: OpenAiMessage): Part[] {
  const parts: Part[] = [];
  const text = message.content ?? '';
  const stripped = text
    .replace(DATA_URL, '')
    .replace(/!\[[^\]]*\]\(\s*\)/g, '')
    .trim();
  if (stripped) parts.push({ text: stripped });
  for (const match of text.matchAll(DATA_URL)) {
    parts.push({ inlineData: { mimeType: match[1], data: match[2] } });
  }
  for (const image of message.images ?? []) {
    const url = image.image_url?.url ?? '';
    const m = /^data:(image\/[a-z+.-]+);base64,(.+)$/.exec(url);
    if (m) parts.push({ inlineData: { mimeType: m[1], data: m[2] } });
  }
  return parts;
}

export async function generateOpenAiCompatible(
  baseUrl: string,
  apiKey: string,
  req: GenerateRequest,
  opts: CallOptions,
): Promise<GenerateResult> {
  const doFetch = opts.fetchImpl ?? fetch;
  const root = baseUrl.replace(/\/+$/, '');
  const url = /\/v\d+$/.test(root) ? `${root}/chat/completions` : `${root}/v1/chat/completions`;
  const body: Record<string, unknown> = {
    model: req.model,
    messages: toMessages(req),
    modalities: ['image', 'text'],
  };
  if (req.image.aspectRatio || req.image.imageSize) {
    body.image_config = { aspect_ratio: req.image.aspectRatio, image_size: req.image.imageSize };
  }
  const res = await doFetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
    signal: opts.signal,
  });
  const text = await res.text();
  if (!res.ok) throw errorFromStatus(res.status, text);
  const data = JSON.parse(text) as { choices?: { message?: OpenAiMessage; finish_reason?: string }[] };
  const choice = data.choices?.[0];
  const parts = partsFromOpenAiMessage(choice?.message ?? {});
  opts.onParts?.(parts);
  return { parts, finishReason: choice?.finish_reason?.toUpperCase() };
}
