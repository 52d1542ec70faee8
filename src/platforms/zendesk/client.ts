/**
 * A Zendesk REST client for the backend's ingestion: API-token basic auth, a client-side
 * rate limiter per endpoint class (incremental exports: 10 a minute), 429 honouring
 * Retry-After, and 5xx / network errors / truncated JSON retried with exponential backoff
 * and jitter. Every answer is parsed from text so a body cut short is caught and retried.
 */
import axios from 'axios';
import type { AxiosInstance } from 'axios';

export type EndpointClass = 'incremental' | 'default';

export interface ZendeskClientOptions {
  /** e.g. https://acme.zendesk.com (or the simulator's URL). */
  baseUrl: string;
  email: string;
  token: string;
  /** Requests a minute per class; defaults are Zendesk's: 10 incremental, 700 other. */
  limitsPerMinute?: Partial<Record<EndpointClass, number>>;
  /** Retries after the first attempt; default 6. */
  maxRetries?: number;
  /** First backoff; doubles each retry, plus up to as much again of jitter. Default 500 ms. */
  retryBaseMs?: number;
  /** Longest Retry-After honoured before giving up on the request; default 120 s. */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class ZendeskRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ZendeskRequestError';
  }
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * At most `limit` starts in any 60-second window. Slots are reserved synchronously, so
 * concurrent callers never overshoot together.
 */
export class SlidingWindowLimiter {
  private readonly starts: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly windowMs = 60_000,
  ) {}

  /** Milliseconds to wait before the next request may start, reserving its slot. */
  reserve(): number {
    const now = this.now();
    while (this.starts.length > 0 && this.starts[0]! <= now - this.windowMs) this.starts.shift();
    const queued = this.starts.length - this.limit + 1;
    const at = queued <= 0 ? now : this.starts[queued - 1]! + this.windowMs;
    this.starts.push(Math.max(at, this.starts.at(-1) ?? at));
    return Math.max(0, at - now);
  }

  async acquire(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.sleep(wait);
  }
}

export interface ZendeskClient {
  /** GET a path (`/api/v2/...`) or an absolute URL from a previous page; parsed JSON. */
  get<T>(pathOrUrl: string, cls: EndpointClass): Promise<T>;
  /** Requests sent so far, retries included. */
  readonly requests: number;
}

function retryAfterMs(header: unknown): number | null {
  if (typeof header !== 'string' || header === '') return null;
  const secs = Number(header);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

export function createZendeskClient(opts: ZendeskClientOptions): ZendeskClient {
  const sleep = opts.sleep ?? realSleep;
  const now = opts.now ?? Date.now;
  const limits = { incremental: 10, default: 700, ...opts.limitsPerMinute };
  const limiters: Record<EndpointClass, SlidingWindowLimiter> = {
    incremental: new SlidingWindowLimiter(limits.incremental, now, sleep),
    default: new SlidingWindowLimiter(limits.default, now, sleep),
  };
  const maxRetries = opts.maxRetries ?? 6;
  const base = opts.retryBaseMs ?? 500;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 120_000;
  const http: AxiosInstance = axios.create({
    baseURL: opts.baseUrl.replace(/\/$/, ''),
    auth: { username: `${opts.email}/token`, password: opts.token },
    responseType: 'text',
    // Keep the raw text: we parse it ourselves to tell a truncated body from a valid one.
    transformResponse: [(d: unknown) => d],
    validateStatus: () => true,
    timeout: opts.timeoutMs ?? 30_000,
    headers: { Accept: 'application/json' },
  });
  let requests = 0;

  const backoff = (attempt: number): number => {
    const d = base * 2 ** attempt;
    return d + Math.random() * d;
  };

  async function get<T>(pathOrUrl: string, cls: EndpointClass): Promise<T> {
    let lastError = '';
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      await limiters[cls].acquire();
      requests++;
      let status: number;
      let body: string;
      let retryAfter: unknown;
      try {
        const res = await http.get<string>(pathOrUrl);
        status = res.status;
        body = typeof res.data === 'string' ? res.data : String(res.data);
        retryAfter = res.headers['retry-after'];
      } catch (err) {
        lastError = `network error: ${(err as Error).message}`;
        await sleep(backoff(attempt));
        continue;
      }
      if (status === 429) {
        const wait = retryAfterMs(retryAfter) ?? backoff(attempt);
        if (wait > maxRetryAfter)
          throw new ZendeskRequestError(`rate limited for ${Math.round(wait / 1000)} s on ${pathOrUrl}`, 429);
        lastError = 'HTTP 429';
        await sleep(wait);
        continue;
      }
      if (status >= 500) {
        lastError = `HTTP ${status}`;
        await sleep(backoff(attempt));
        continue;
      }
      if (status >= 400) {
        throw new ZendeskRequestError(`HTTP ${status} on ${pathOrUrl}: ${body.slice(0, 200)}`, status);
      }
      try {
        return JSON.parse(body) as T;
      } catch {
        lastError = 'invalid or truncated JSON body';
        await sleep(backoff(attempt));
      }
    }
    throw new ZendeskRequestError(
      `gave up on ${pathOrUrl} after ${maxRetries + 1} attempts: ${lastError}`,
      null,
    );
  }

  return {
    get,
    get requests() {
      return requests;
    },
  };
}
