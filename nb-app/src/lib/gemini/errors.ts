/** What went wrong with a generation, in terms a person can act on. */
export type GenerationErrorKind =
  | 'aborted'
  | 'no_credits'
  | 'bad_key'
  | 'unauthorized'
  | 'rate_limited'
  | 'busy'
  | 'model_not_found'
  | 'invalid_request'
  | 'network'
  | 'unknown';

/** Every failure a reply can show, each with its own translated notice (`errors.<kind>`). */
export const NOTICE_KINDS = [
  'no_credits',
  'bad_key',
  'unauthorized',
  'rate_limited',
  'busy',
  'model_not_found',
  'invalid_request',
  'network',
  'blocked',
  'safety',
  'no_image',
  'unknown',
] as const;

export class GenerationError extends Error {
  readonly kind: GenerationErrorKind;
  readonly status?: number;

  constructor(kind: GenerationErrorKind, message: string, status?: number) {
    super(message);
    this.name = 'GenerationError';
    this.kind = kind;
    this.status = status;
  }
}

interface ErrorEnvelope {
  error?: { code?: number; message?: string; status?: string; details?: { reason?: string }[] };
}

function parseEnvelope(text: string): ErrorEnvelope['error'] | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  try {
    const body = JSON.parse(text.slice(start)) as ErrorEnvelope | ErrorEnvelope[];
    return Array.isArray(body) ? body[0]?.error : body.error;
  } catch {
    return undefined;
  }
}

export function errorFromStatus(status: number, rawMessage: string): GenerationError {
  const envelope = parseEnvelope(rawMessage);
  const message = envelope?.message ?? rawMessage;
  const reasons = (envelope?.details ?? []).map((d) => d.reason ?? '');
  const keyInvalid = reasons.includes('API_KEY_INVALID') || /api key not (valid|found)/i.test(message);
  if (status === 402) return new GenerationError('no_credits', message, status);
  if (keyInvalid || status === 403) return new GenerationError('bad_key', message, status);
  if (status === 401) return new GenerationError('unauthorized', message, status);
  if (status === 429) return new GenerationError('rate_limited', message, status);
  if (status === 404) return new GenerationError('model_not_found', message, status);
  if (status === 400 || status === 422) return new GenerationError('invalid_request', message, status);
  if (status >= 500) return new GenerationError('busy', message, status);
  return new GenerationError('unknown', message, status);
}

/** Normalizes anything thrown by fetch, the SDK or an abort into a GenerationError. */
export function toGenerationError(err: unknown, signal?: AbortSignal): GenerationError {
  if (err instanceof GenerationError) return err;
  if (signal?.aborted || (err instanceof Error && err.name === 'AbortError')) {
    return new GenerationError('aborted', 'aborted');
  }
  if (err && typeof err === 'object' && 'status' in err && typeof err.status === 'number') {
    const message = err instanceof Error ? err.message : JSON.stringify(err);
    return errorFromStatus(err.status, message);
  }
  if (err instanceof TypeError) return new GenerationError('network', err.message);
  return new GenerationError('unknown', err instanceof Error ? err.message : String(err));
}
