/** Pure parts of the simulator: cursors, streams, ids, rate limits, faults, signatures. */
import fc from 'fast-check';
import { hash53, zendeskId } from '../../src/platforms/zendesk/ids';
import { businessMinutes, isoSeconds } from '../../src/platforms/zendesk/serialize';
import { SIGNATURE_HEADER, signWebhook, verifyWebhook } from '../../src/platforms/zendesk/webhook-signature';
import { FaultInjector } from '../../src/simulator/faults';
import {
  decodeIncrementalCursor,
  decodePageCursor,
  encodeIncrementalCursor,
  encodePageCursor,
} from '../../src/simulator/pagination';
import { RateLimiter } from '../../src/simulator/rate-limit';
import { Stream } from '../../src/simulator/tenant';

describe('incremental cursor', () => {
  test('reads and writes Zendesk\'s own cursor (recorded: "MTY5NTA1MjY2My4wfHwyOHw=" after ticket 28)', () => {
    expect(decodeIncrementalCursor('MTY5NTA1MjY2My4wfHwyOHw=')).toEqual({ ts: 1695052663, id: 28 });
    expect(encodeIncrementalCursor(1695052663, 28)).toBe('MTY5NTA1MjY2My4wfHwyOHw=');
    expect(decodeIncrementalCursor('bm9wZQ==')).toBeNull();
  });

  test("page cursors round-trip and refuse another list's cursor", () => {
    const c = encodePageCursor('tickets', 200);
    expect(decodePageCursor(c, 'tickets')).toBe(200);
    expect(decodePageCursor(c, 'organizations')).toBeNull();
    expect(decodePageCursor('%%%', 'tickets')).toBeNull();
  });
});

describe('stream', () => {
  test('a cursor loop visits every entry exactly once, whatever the page size and ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 9 }),
        (times, perPage) => {
          const s = new Stream();
          const sorted = times
            .map((ts, row) => ({ ts, id: row + 1, row }))
            .sort((a, b) => a.ts - b.ts || a.id - b.id);
          for (const e of sorted) s.append(e.ts, e.id, e.row);
          const seen: number[] = [];
          let from = s.after(-1, Number.MAX_VALUE);
          for (;;) {
            const page = s.read(from, perPage);
            seen.push(...page.entries.map((e) => e.row));
            const last = page.entries.at(-1);
            if (!page.hasMore || !last) break;
            from = s.after(last.ts, last.id);
          }
          expect([...seen].sort((a, b) => a - b)).toEqual(times.map((_, i) => i));
        },
      ),
    );
  });

  test('an entry superseded by a later one is skipped', () => {
    const current = new Map([[0, 7]]);
    const s = new Stream((row, ts) => (current.get(row) ?? ts) === ts);
    s.append(5, 1, 0);
    s.append(6, 2, 1);
    s.append(7, 1, 0);
    expect(s.read(0, 10).entries.map((e) => [e.ts, e.row])).toEqual([
      [6, 1],
      [7, 0],
    ]);
  });

  test('appending out of order bumps the time to keep the order', () => {
    const s = new Stream();
    expect(s.append(10, 5, 0)).toBe(10);
    expect(s.append(10, 3, 1)).toBe(11);
    expect(s.append(9, 8, 2)).toBe(11);
  });
});

describe('ids', () => {
  test('prefix-and-number ids keep their number above a per-kind base', () => {
    expect(zendeskId('ticket', 't-000041')).toBe(1041);
    expect(zendeskId('organization', 'acct_12')).toBe(360_000_000_012);
    expect(zendeskId('user', 'p123')).toBe(361_000_000_123);
    expect(zendeskId('agent', '7')).toBe(362_000_000_007);
  });

  test('other ids hash into [1e15, 9e15), stable and kind-specific', () => {
    const id = zendeskId('comment', 't-1:c:2');
    expect(id).toBeGreaterThanOrEqual(1e15);
    expect(id).toBeLessThan(9e15);
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(zendeskId('comment', 't-1:c:2')).toBe(id);
    expect(zendeskId('article', 't-1:c:2')).not.toBe(id);
    fc.assert(fc.property(fc.string(), (s) => Number.isSafeInteger(hash53(s))));
  });
});

describe('serialization helpers', () => {
  test("times are second-precision UTC like Zendesk's", () => {
    expect(isoSeconds(Date.UTC(2023, 8, 18, 15, 57, 42, 999))).toBe('2023-09-18T15:57:42Z');
  });

  test('business minutes are the 45-of-168-hours share', () => {
    expect(businessMinutes(168)).toBe(45);
    expect(businessMinutes(0)).toBe(0);
  });
});

describe('rate limiter', () => {
  test('allows the limit per minute, then 429 headers with Retry-After until the window resets', () => {
    let now = 1_000_000;
    const rl = new RateLimiter({ incremental: 2, default: 700 }, () => now);
    expect(rl.take('incremental').headers).toEqual({
      'x-rate-limit': '2',
      'x-rate-limit-remaining': '1',
      'ratelimit-limit': '2',
      'ratelimit-remaining': '1',
      'ratelimit-reset': '60',
    });
    expect(rl.take('incremental').allowed).toBe(true);
    now += 15_000;
    const denied = rl.take('incremental');
    expect(denied.allowed).toBe(false);
    expect(denied.headers['retry-after']).toBe('45');
    expect(denied.headers['x-rate-limit-remaining']).toBe('0');
    expect(rl.take('default').allowed).toBe(true);
    now += 45_000;
    expect(rl.take('incremental').allowed).toBe(true);
  });
});

describe('fault injector', () => {
  test('the same seed draws the same faults, at about the asked share', () => {
    const draw = (seed: number): string[] => {
      const f = new FaultInjector({ failRate: 0.2, truncateRate: 0.1 }, seed);
      return Array.from({ length: 2000 }, () => f.draw().kind);
    };
    const a = draw(7);
    expect(draw(7)).toEqual(a);
    expect(draw(8)).not.toEqual(a);
    const share = (k: string): number => a.filter((x) => x === k).length / a.length;
    expect(share('error')).toBeCloseTo(0.2, 1);
    expect(share('truncate')).toBeCloseTo(0.1, 1);
  });
});

describe('webhook signature', () => {
  // Computed independently: printf '%s' '2024-04-17T17:18:10Z{"a":1}' | openssl dgst -sha256 -hmac shh -binary | base64
  const expected = 'oVvPxEflf350WME9r4RkZVWwk3RIE7Rr176uuCJwaO8=';

  test('is base64 HMAC-SHA256 of timestamp + body', () => {
    expect(signWebhook('shh', '2024-04-17T17:18:10Z', '{"a":1}')).toBe(expected);
    expect(SIGNATURE_HEADER).toBe('x-zendesk-webhook-signature');
  });

  test('verifies the genuine request and rejects tampering', () => {
    expect(verifyWebhook('shh', '2024-04-17T17:18:10Z', '{"a":1}', expected)).toBe(true);
    expect(verifyWebhook('shh', '2024-04-17T17:18:10Z', '{"a":2}', expected)).toBe(false);
    expect(verifyWebhook('shh', '2024-04-17T17:18:11Z', '{"a":1}', expected)).toBe(false);
    expect(verifyWebhook('other', '2024-04-17T17:18:10Z', '{"a":1}', expected)).toBe(false);
    expect(verifyWebhook('shh', undefined, '{"a":1}', expected)).toBe(false);
    expect(verifyWebhook('shh', '2024-04-17T17:18:10Z', '{"a":1}', 'short')).toBe(false);
  });

  test('optionally rejects stale timestamps', () => {
    const at = Date.parse('2024-04-17T17:18:10Z');
    const opts = (now: number) => ({ toleranceSeconds: 300, now });
    expect(verifyWebhook('shh', '2024-04-17T17:18:10Z', '{"a":1}', expected, opts(at + 299_000))).toBe(true);
    expect(verifyWebhook('shh', '2024-04-17T17:18:10Z', '{"a":1}', expected, opts(at + 301_000))).toBe(false);
  });
});
