/** The one HTTP client for `/api`: adds the caller's identity, refreshes an expired session once, maps errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly code?: string;

  constructor(status: number, message: string, code?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export interface ApiIdentity {
  accessToken(): string | undefined;
  visitorId(): string;
  /** Gets a new access token; resolves false when the session is over. */
  refresh(): Promise<boolean>;
}

let identity: ApiIdentity | undefined;

export function setApiIdentity(next: ApiIdentity): void {
  identity = next;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** `anonymous` sends no identity at all (login, register, refresh). */
  as?: 'caller' | 'anonymous';
}

function headersFor(opts: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.as !== 'anonymous' && identity) {
    const token = identity.accessToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    else headers['X-Visitor-Id'] = identity.visitorId();
  }
  return headers;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  return fetch(path, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers: headersFor(opts),
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal,
  });
}

async function toApiError(res: Response): Promise<ApiError> {
  let detail = res.statusText;
  let code: string | undefined;
  try {
    const body = (await res.json()) as { detail?: unknown; code?: string };
    if (typeof body.detail === 'string') detail = body.detail;
    else if (body.detail) detail = JSON.stringify(body.detail);
    code = body.code;
  } catch {
    /* a body that is not JSON keeps the status text */
  }
  return new ApiError(res.status, detail, code);
}

export async function apiResponse(path: string, opts: RequestOptions = {}): Promise<Response> {
  let res = await send(path, opts);
  const hadToken = opts.as !== 'anonymous' && Boolean(identity?.accessToken());
  if (res.status === 401 && hadToken && identity && (await identity.refresh())) {
    res = await send(path, opts);
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await apiResponse(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
