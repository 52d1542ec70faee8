import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlidingWindowLimiter, createZendeskClient } from '../../../src/platforms/zendesk/client';

describe('SlidingWindowLimiter', () => {
  it('lets 10 requests start in a minute and makes the 11th wait for the first to age out', () => {
    let now = 1_000;
    const limiter = new SlidingWindowLimiter(
      10,
      () => now,
      async () => {},
    );
    const waits = Array.from({ length: 12 }, () => limiter.reserve());
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(waits.slice(10)).toEqual([60_000, 60_000]);
    now += 60_000;
    // The first ten have aged out; the two delayed ones start now, so 8 more fit, then a wait.
    expect(Array.from({ length: 9 }, () => limiter.reserve())).toEqual([...Array(8).fill(0), 60_000]);
  });
});

/** A server answering each request with the next scripted answer. */
async function scripted(
  answers: { status: number; body: string; headers?: Record<string, string> }[],
): Promise<{ url: string; hits: number[]; auth: (string | undefined)[]; close(): Promise<void> }> {
  const hits: number[] = [];
  const auth: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    hits.push(Date.now());
    auth.push(req.headers.authorization);
    const a = answers.shift() ?? { status: 500, body: '{}' };
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hits, auth, close: () => new Promise((r) => server.close(() => r())) };
}

describe('createZendeskClient', () => {
  const base = { email: 'a@b.test', token: 'tok', retryBaseMs: 1 };

  it('waits out Retry-After on 429 before trying again', async () => {
    const s = await scripted([
      { status: 429, body: '{"error":"APIRateLimitExceeded"}', headers: { 'retry-after': '1' } },
      { status: 200, body: '{"ok":true}' },
    ]);
    try {
      const client = createZendeskClient({ ...base, baseUrl: s.url });
      await expect(client.get('/api/v2/x.json', 'incremental')).resolves.toEqual({ ok: true });
      expect(client.requests).toBe(2);
      expect(s.hits[1]! - s.hits[0]!).toBeGreaterThanOrEqual(990);
    } finally {
      await s.close();
    }
  });

  it('retries 5xx and truncated bodies, and sends API-token basic auth', async () => {
    const s = await scripted([
      { status: 503, body: '' },
      { status: 200, body: '{"tickets":[{"id":1' },
      { status: 200, body: '{"tickets":[]}' },
    ]);
    try {
      const client = createZendeskClient({ ...base, baseUrl: s.url });
      await expect(client.get('/api/v2/t.json', 'default')).resolves.toEqual({ tickets: [] });
      expect(client.requests).toBe(3);
      // base64("a@b.test/token:tok")
      expect(s.auth).toEqual(Array(3).fill('Basic YUBiLnRlc3QvdG9rZW46dG9r'));
    } finally {
      await s.close();
    }
  });

  it('fails at once on 4xx other than 429, naming the status', async () => {
    const s = await scripted([{ status: 401, body: '{"error":"Couldn\'t authenticate you"}' }]);
    try {
      const client = createZendeskClient({ ...base, baseUrl: s.url });
      await expect(client.get('/api/v2/t.json', 'default')).rejects.toThrow(/HTTP 401/);
      expect(client.requests).toBe(1);
    } finally {
      await s.close();
    }
  });
});
