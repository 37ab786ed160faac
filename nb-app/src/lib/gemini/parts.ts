import type { Content, GenerateResult, Part } from './types';

export function isImagePart(part: Part): boolean {
  return Boolean(part.inlineData?.mimeType.startsWith('image/') || part.imageRef);
}

/** The result image is the LAST non-thought image: earlier ones are drafts (e.g. the 1K preview of a 4K image). */
export function pickFinalImage(parts: Part[]): Part | undefined {
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i];
    if (!part.thought && isImagePart(part)) return part;
  }
  return undefined;
}

export function finalImages(parts: Part[]): Part[] {
  return parts.filter((p) => !p.thought && isImagePart(p));
}

export function replyText(parts: Part[]): string {
  return parts
    .filter((p) => !p.thought && typeof p.text === 'string')
    .map((p) => p.text)
    .join('');
}

/**
 * Appends one streamed chunk to the parts received so far. Text deltas of the same kind are joined;
 * a signature arriving on a delta is kept on the joined part, never dropped.
 */
export function mergeChunk(acc: Part[], chunk: Part[]): Part[] {
  const out = acc.slice();
  for (const part of chunk) {
    const last = out[out.length - 1];
    const joinable =
      last !== undefined &&
      typeof part.text === 'string' &&
      typeof last.text === 'string' &&
      !last.inlineData &&
      !part.inlineData &&
      Boolean(last.thought) === Boolean(part.thought) &&
      !last.thoughtSignature;
    if (joinable) {
      const startsNewThought = part.thought && part.text?.startsWith('**') && !/\n$/.test(last.text ?? '');
      const merged: Part = { ...last, text: (last.text ?? '') + (startsNewThought ? '\n\n' : '') + part.text };
      if (part.thoughtSignature) merged.thoughtSignature = part.thoughtSignature;
      out[out.length - 1] = merged;
    } else {
      out.push({ ...part });
    }
  }
  return out;
}

/**
 * Turns stored messages into request contents for multi-turn editing. Model turns go back unchanged
 * (every `thoughtSignature` kept); thought summaries and interim drafts are left out because the API
 * does not need them and they would only inflate the request.
 */
export function toContextContents(history: Content[]): Content[] {
  return history
    .map((c) => ({ role: c.role, parts: c.parts.filter((p) => !p.thought).map((p) => ({ ...p })) }))
    .filter((c) => c.parts.length > 0);
}

export type Outcome =
  | { kind: 'image' }
  | { kind: 'blocked'; reason: string }
  | { kind: 'safety'; reason: string }
  | { kind: 'no_image'; text: string };

const SAFETY_REASONS = new Set([
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
  'IMAGE_OTHER',
  'PROHIBITED_CONTENT',
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'SPII',
]);

/** A generation succeeds only when a final (non-thought) image arrived. */
export function classifyOutcome(result: GenerateResult): Outcome {
  if (pickFinalImage(result.parts)) return { kind: 'image' };
  if (result.blockReason) return { kind: 'blocked', reason: result.blockReason };
  if (result.finishReason && SAFETY_REASONS.has(result.finishReason)) {
    return { kind: 'safety', reason: result.finishReason };
  }
  return { kind: 'no_image', text: replyText(result.parts) || result.finishMessage || '' };
}
