/**
 * Zendesk's per-minute rate limits per endpoint class: a fixed one-minute window per
 * class, with the headers Zendesk sends on every answer (`x-rate-limit`,
 * `x-rate-limit-remaining`, `ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset`)
 * and, once spent, 429 with `Retry-After` (seconds until the window resets).
 */

export type EndpointClass = 'incremental' | 'default';

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private readonly windows = new Map<EndpointClass, { start: number; used: number }>();

  constructor(
    private readonly limits: Record<EndpointClass, number>,
    private readonly now: () => number = Date.now,
  ) {}

  take(cls: EndpointClass): RateDecision {
    const limit = this.limits[cls];
    const t = this.now();
    let w = this.windows.get(cls);
    if (w === undefined || t - w.start >= 60_000) {
      w = { start: t, used: 0 };
      this.windows.set(cls, w);
    }
    const reset = Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
    const allowed = w.used < limit;
    if (allowed) w.used++;
    const remaining = String(limit - w.used);
    const headers: Record<string, string> = {
      'x-rate-limit': String(limit),
      'x-rate-limit-remaining': remaining,
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': remaining,
      'ratelimit-reset': String(reset),
    };
    if (!allowed) headers['retry-after'] = String(reset);
    return { allowed, headers };
  }
}
