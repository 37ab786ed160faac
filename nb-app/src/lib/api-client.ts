/**
 * The one HTTP client for `/api`: adds the caller's identity, refreshes an expired session once, maps errors.
 * Paths, parameters and bodies are typed by the backend's OpenAPI document (`npm run gen:api` writes
 * `./api/schema.d.ts` from openapi.json), so a call that the backend does not offer does not compile.
 */
import type { components, paths } from './api/schema';

/** The backend's schemas by name, e.g. `Schemas['UserOut']`. */
export type Schemas = components['schemas'];

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

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The paths that have an operation for `M`. */
export type PathWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends Record<M, { responses: unknown }> ? P : never;
}[keyof paths];

type Operation<P extends keyof paths, M extends HttpMethod> = paths[P][M];
type SuccessOf<R> = R[Extract<keyof R, 200 | 201 | 202 | 204>];
type JsonOf<X> = X extends { content: { 'application/json': infer B } } ? B : undefined;
type PathParams<O> = O extends { parameters: { path: infer X } } ? X : never;
type QueryParams<O> = O extends { parameters: { query?: infer X } } ? NonNullable<X> : never;
type JsonBody<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

/** What a successful call answers: the JSON of its 2xx response (undefined for 204). */
export type ResponseOf<M extends HttpMethod, P extends PathWith<M>> =
  Operation<P, M> extends { responses: infer R } ? JsonOf<SuccessOf<R>> : never;

/** The query parameters of one operation, e.g. `QueryOf<'get', '/api/admin/users'>`. */
export type QueryOf<M extends HttpMethod, P extends PathWith<M>> = QueryParams<Operation<P, M>>;

interface BaseOptions {
  signal?: AbortSignal;
  /** `anonymous` sends no identity at all (login, register, refresh). */
  as?: 'caller' | 'anonymous';
}

type CallOptions<O> = BaseOptions &
  ([PathParams<O>] extends [never] ? { path?: never } : { path: PathParams<O> }) &
  ([QueryParams<O>] extends [never]
    ? { query?: never }
    : O extends { parameters: { query: object } }
      ? { query: QueryParams<O> }
      : { query?: QueryParams<O> }) &
  ([JsonBody<O>] extends [never] ? { body?: never } : { body: JsonBody<O> });

/** The options argument may be left out when nothing in it is required. */
type CallArgs<O> =
  Partial<CallOptions<O>> extends CallOptions<O> ? [options?: CallOptions<O>] : [options: CallOptions<O>];

type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/** Fills `{name}` path segments (URL-encoded) and appends the query; undefined and null values are left out. */
export function buildUrl(
  template: string,
  path?: Record<string, string | number>,
  query?: Record<string, QueryValue>,
): string {
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = path?.[name];
    if (value === undefined) throw new Error(`${template}: missing path parameter "${name}"`);
    return encodeURIComponent(String(value));
  });
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

interface SendOptions extends BaseOptions {
  method: Uppercase<HttpMethod>;
  body?: unknown;
}

function headersFor(opts: SendOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.as !== 'anonymous' && identity) {
    const token = identity.accessToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    else headers['X-Visitor-Id'] = identity.visitorId();
  }
  return headers;
}

async function send(url: string, opts: SendOptions): Promise<Response> {
  return fetch(url, {
    method: opts.method,
    headers: headersFor(opts),
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal,
  });
}

/**
 * Every failure of the backend answers its error envelope (`Schemas['ErrorOut']`: `detail` and `code`). Whatever
 * sits in between (a proxy, an older backend) may answer otherwise, so the body is checked, not trusted.
 */
export async function toApiError(res: Response): Promise<ApiError> {
  let detail = res.statusText;
  let code: string | undefined;
  try {
    const body = (await res.json()) as Partial<Record<keyof Schemas['ErrorOut'], unknown>>;
    if (typeof body.detail === 'string') detail = body.detail;
    else if (body.detail) detail = JSON.stringify(body.detail);
    if (typeof body.code === 'string') code = body.code;
  } catch {
    /* a body that is not JSON keeps the status text */
  }
  return new ApiError(res.status, detail, code);
}

async function respond(url: string, opts: SendOptions): Promise<Response> {
  let res = await send(url, opts);
  const hadToken = opts.as !== 'anonymous' && Boolean(identity?.accessToken());
  if (res.status === 401 && hadToken && identity && (await identity.refresh())) {
    res = await send(url, opts);
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

/** What every call carries once its types have been checked. */
interface LooseOptions extends BaseOptions {
  path?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  body?: unknown;
}

function prepare(method: HttpMethod, template: string, options: LooseOptions = {}): [string, SendOptions] {
  const { path, query, ...rest } = options;
  return [buildUrl(template, path, query), { ...rest, method: method.toUpperCase() as Uppercase<HttpMethod> }];
}

/** Calls one backend operation and answers the raw response (for bodies that are not JSON, e.g. a CSV). */
export async function apiResponse<M extends HttpMethod, P extends PathWith<M>>(
  method: M,
  template: P,
  ...[options]: CallArgs<Operation<P, M>>
): Promise<Response> {
  return respond(...prepare(method, template, options as LooseOptions | undefined));
}

/** Calls one backend operation and answers its JSON body (undefined for 204 No Content). */
export async function api<M extends HttpMethod, P extends PathWith<M>>(
  method: M,
  template: P,
  ...[options]: CallArgs<Operation<P, M>>
): Promise<ResponseOf<M, P>> {
  const res = await respond(...prepare(method, template, options as LooseOptions | undefined));
  if (res.status === 204) return undefined as ResponseOf<M, P>;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as ResponseOf<M, P>;
}

/** The text to show for a failed call. */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
