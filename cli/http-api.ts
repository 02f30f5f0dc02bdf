// The CLI's hand-written HTTP client, still used by the commands not yet on the typed client (cli/api.ts): bearer token, JSON in and out, ETag/If-Match,
// cursor pagination, and every non-2xx answer turned into an ApiError carrying the problem+json.
// Types come from the shared domain schemas; the API is the one that validates.
import type { Page } from '../functions/domain/schemas';
import { ApiError, ApiUnreachable, notLoggedIn, type Problem } from './errors';

export interface Reply<T> {
  status: number;
  /** The version as the ETag gives it (`"3"`), for If-Match on the next write. */
  etag?: string;
  body: T;
}

export interface RequestOptions {
  body?: unknown;
  ifMatch?: string;
  /** false for the sign-in call, which has no token yet. */
  auth?: boolean;
}

const REQUEST_TIMEOUT_MS = 30_000;
/** The API's largest page, so a listing takes as few round trips as it can. */
const PAGE_SIZE = 200;

export class DroverApi {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
    // X-Drover-Client tells the audit log a write came from the CLI.
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'drover-cli',
      'x-drover-client': 'cli',
    };
    if (options.auth !== false) {
      if (!this.token) throw notLoggedIn();
      headers.authorization = `Bearer ${this.token}`;
    }
    if (options.ifMatch) headers['if-match'] = options.ifMatch;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const url = `${this.baseUrl}${path}`;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      throw unreachable(this.baseUrl, error);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    if (!res.ok) throw new ApiError(res.status, asProblem(res, parsed));
    return { status: res.status, etag: res.headers.get('etag') ?? undefined, body: parsed as T };
  }

  get<T>(path: string): Promise<Reply<T>> {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<Reply<T>> {
    return this.request<T>('POST', path, { ...options, body });
  }
  put<T>(path: string, body: unknown, ifMatch: string): Promise<Reply<T>> {
    return this.request<T>('PUT', path, { body, ifMatch });
  }
  delete(path: string, ifMatch?: string): Promise<Reply<undefined>> {
    return this.request<undefined>('DELETE', path, { ifMatch });
  }

  /** Every item of a paginated listing, following `nextCursor` to the last page. */
  async listAll<T>(path: string, query: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const params = new URLSearchParams({ ...query, limit: String(this.pageSize) });
      if (cursor) params.set('cursor', cursor);
      const page = (await this.get<Page<T> | T[]>(`${path}?${params}`)).body;
      // A plain array is accepted too, for listings that are not paginated.
      if (Array.isArray(page)) return page;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}

function asProblem(res: Response, body: unknown): Problem {
  if (body && typeof body === 'object' && 'status' in body) return body as Problem;
  return {
    type: 'about:blank',
    title: res.statusText || 'Error',
    status: res.status,
    code: 'HttpError',
    detail: typeof body === 'string' && body ? body.slice(0, 500) : `HTTP ${res.status} ${res.statusText}`,
  };
}

function unreachable(baseUrl: string, error: unknown): ApiUnreachable {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why =
    (error as Error).name === 'TimeoutError'
      ? `no answer in ${REQUEST_TIMEOUT_MS / 1000} s`
      : (cause?.code ?? cause?.message ?? (error as Error).message);
  return new ApiUnreachable(`Cannot reach the Drover API at ${baseUrl} (${why}).`, error);
}
