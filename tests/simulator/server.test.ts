/**
 * The simulator over real HTTP on 127.0.0.1: auth, the pagination loop to end_of_stream,
 * rate limits, faults, determinism, and live mode's signed webhooks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/platforms/zendesk/webhook-signature';
import { basicAuthHeader } from '../../src/simulator/server';
import { startSimulatorFrom } from '../../src/simulator/start';
import type { RunningSimulator, SimulatorOptions } from '../../src/simulator/start';
import type { Account } from '../../src/core/records';
import { handMadeSource, T0 } from './hand-made-tenant';
import { get } from './http';

type Json = Record<string, unknown>;
const N = 40;

async function withSim<T>(
  opts: Partial<SimulatorOptions>,
  fn: (sim: RunningSimulator) => Promise<T>,
): Promise<T> {
  const sim = await startSimulatorFrom(handMadeSource(N), { seed: 1, scale: String(N), ...opts });
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

describe('authentication', () => {
  test("401 with Zendesk's body without credentials, with a wrong token or a wrong email", () =>
    withSim({ token: 'sesame' }, async (sim) => {
      for (const auth of [
        null,
        basicAuthHeader('admin@demo.test', 'demo-token'),
        basicAuthHeader('x@demo.test', 'sesame'),
      ]) {
        const r = await get(sim.url, '/api/v2/tickets/1001.json', auth);
        expect(r.status).toBe(401);
        expect(r.text).toBe('{"error":"Couldn\'t authenticate you"}');
      }
      expect(
        (await get(sim.url, '/api/v2/tickets/1001.json', basicAuthHeader('admin@demo.test', 'sesame')))
          .status,
      ).toBe(200);
    }));
});

describe('incremental ticket export', () => {
  test('following after_url until end_of_stream visits every ticket exactly once', () =>
    withSim({ exportLimitPerMinute: 1000 }, async (sim) => {
      const seen: number[] = [];
      let r = await get(sim.url, '/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=7');
      let pages = 1;
      for (;;) {
        seen.push(...(r.json.tickets as Json[]).map((t) => t.id as number));
        if (r.json.end_of_stream === true) break;
        r = await get(sim.url, r.json.after_url as string);
        pages++;
      }
      expect(pages).toBe(Math.ceil(N / 7));
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => 1001 + i));
      // Resuming from the last cursor returns nothing new and stays at the end.
      const again = await get(
        sim.url,
        `/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(r.json.after_cursor as string)}`,
      );
      expect(again.json.tickets).toEqual([]);
      expect(again.json.end_of_stream).toBe(true);
      expect(again.json.after_cursor).toBe(r.json.after_cursor);
    }));

  test('start_time skips tickets updated before it; a missing start_time is a 400', () =>
    withSim({}, async (sim) => {
      const all = await get(sim.url, '/api/v2/incremental/tickets/cursor.json?start_time=0');
      const tickets = all.json.tickets as Json[];
      const mid = tickets[20]!.generated_timestamp as number;
      const later = await get(sim.url, `/api/v2/incremental/tickets/cursor.json?start_time=${mid}`);
      const ids = (later.json.tickets as Json[]).map((t) => t.generated_timestamp as number);
      expect(Math.min(...ids)).toBeGreaterThanOrEqual(mid);
      expect(ids.length).toBe(tickets.filter((t) => (t.generated_timestamp as number) >= mid).length);
      expect((await get(sim.url, '/api/v2/incremental/tickets/cursor.json')).status).toBe(400);
    }));
});

describe('time-based organization export', () => {
  test('pages to end_of_stream with shared timestamps, every organization at least once', async () => {
    // 1,200 organizations share one second (no created_at); 1,300 have their own.
    const accounts: Account[] = Array.from({ length: 2500 }, (_, i) => ({
      kind: 'account',
      id: `acct-${i + 1}`,
      name: `Org ${i + 1}`,
      tags: [],
      created_at: i < 1200 ? null : T0 + i * 1000,
    }));
    const source = { ...handMadeSource(0), records: accounts };
    const sim = await startSimulatorFrom(source, { seed: 1, scale: '0', exportLimitPerMinute: 100 });
    try {
      const seen = new Set<number>();
      let url = '/api/v2/incremental/organizations.json?start_time=0';
      let pages = 0;
      for (;;) {
        const r = await get(sim.url, url);
        pages++;
        const orgs = r.json.organizations as Json[];
        for (const o of orgs) seen.add(o.id as number);
        expect(r.json.count).toBe(orgs.length);
        if (r.json.end_of_stream === true) break;
        url = r.json.next_page as string;
        expect(pages).toBeLessThan(10);
      }
      expect(seen.size).toBe(2500);
    } finally {
      await sim.close();
    }
  });
});

describe('cursor pagination of lists', () => {
  test('page[size] and links.next walk all tickets once', () =>
    withSim({}, async (sim) => {
      const ids: number[] = [];
      let r = await get(sim.url, '/api/v2/tickets.json?page[size]=15');
      for (;;) {
        ids.push(...(r.json.tickets as Json[]).map((t) => t.id as number));
        const meta = r.json.meta as Json;
        if (!meta.has_more) break;
        r = await get(sim.url, (r.json.links as Json).next as string);
      }
      expect(ids).toEqual(Array.from({ length: N }, (_, i) => 1001 + i));
    }));

  test('satisfaction ratings filter by start_time/end_time and paginate', () =>
    withSim({}, async (sim) => {
      const all = (await get(sim.url, '/api/v2/satisfaction_ratings.json')).json
        .satisfaction_ratings as Json[];
      expect(all.map((r) => r.score).every((s) => s === 'good' || s === 'bad')).toBe(true);
      const times = all.map((r) => Date.parse(r.created_at as string) / 1000);
      const start = times[3]!;
      const end = times[8]!;
      const window = (
        await get(sim.url, `/api/v2/satisfaction_ratings.json?start_time=${start}&end_time=${end}`)
      ).json.satisfaction_ratings as Json[];
      expect(window.map((r) => r.id)).toEqual(
        all.filter((_, i) => times[i]! >= start && times[i]! < end).map((r) => r.id),
      );
      const first = await get(sim.url, '/api/v2/satisfaction_ratings.json?page[size]=4');
      const second = await get(sim.url, (first.json.links as Json).next as string);
      expect(
        [...(first.json.satisfaction_ratings as Json[]), ...(second.json.satisfaction_ratings as Json[])].map(
          (r) => r.id,
        ),
      ).toEqual(all.slice(0, 8).map((r) => r.id));
    }));
});

describe('rate limits', () => {
  test('the export class answers 429 with Retry-After after its limit; other endpoints still answer', () =>
    withSim({ exportLimitPerMinute: 3, limitPerMinute: 5 }, async (sim) => {
      const path = '/api/v2/incremental/tickets/cursor.json?start_time=0';
      for (let i = 0; i < 3; i++) expect((await get(sim.url, path)).status).toBe(200);
      const r = await get(sim.url, path);
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(r.headers.get('x-rate-limit')).toBe('3');
      expect(r.headers.get('x-rate-limit-remaining')).toBe('0');
      expect(r.headers.get('ratelimit-limit')).toBe('3');
      const other = await get(sim.url, '/api/v2/tickets/1001.json');
      expect(other.status).toBe(200);
      expect(other.headers.get('x-rate-limit-remaining')).toBe('4');
    }));
});

describe('faults', () => {
  test('--fail-rate 1 answers every request with a 5xx', () =>
    withSim({ failRate: 1 }, async (sim) => {
      for (let i = 0; i < 6; i++)
        expect([500, 502, 503]).toContain((await get(sim.url, '/api/v2/tickets/1001.json')).status);
    }));

  test('--fail-rate 0.5 fails about half, the same requests for the same seed', async () => {
    const statuses = (): Promise<number[]> =>
      withSim({ failRate: 0.5 }, async (sim) => {
        const out: number[] = [];
        for (let i = 0; i < 40; i++) out.push((await get(sim.url, '/api/v2/tickets/1001.json')).status);
        return out;
      });
    const a = await statuses();
    expect(await statuses()).toEqual(a);
    const failed = a.filter((s) => s >= 500).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
  });

  test('--truncate-rate 1 cuts bodies short (valid HTTP, invalid JSON)', () =>
    withSim({ truncateRate: 1 }, async (sim) => {
      const r = await get(sim.url, '/api/v2/tickets/1001.json');
      expect(r.status).toBe(200);
      expect(() => JSON.parse(r.text)).toThrow();
      expect(r.text.startsWith('{"ticket":{')).toBe(true);
    }));

  test('--latency-ms delays every answer', () =>
    withSim({ latencyMs: 150 }, async (sim) => {
      const t0 = performance.now();
      await get(sim.url, '/api/v2/tickets/1001.json');
      expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    }));
});

describe('determinism', () => {
  test("the same seed serves the same bytes (apart from the server's own address)", async () => {
    const paths = [
      '/api/v2/incremental/tickets/cursor.json?start_time=0&include=metric_sets,users,organizations',
      '/api/v2/users/361000000001/events',
      '/api/v2/satisfaction_ratings.json',
      '/api/v2/tickets/1001/comments.json',
    ];
    const read = (): Promise<string[]> =>
      withSim({}, async (sim) =>
        Promise.all(paths.map(async (p) => (await get(sim.url, p)).text.split(sim.url).join('BASE'))),
      );
    expect(await read()).toEqual(await read());
  });
});

describe('live mode', () => {
  test('posts signed ticket webhooks and serves the new tickets', async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    try {
      await withSim(
        {
          live: true,
          webhookUrl: hookUrl,
          webhookSecret: 'whsec',
          liveTicketsPerMinute: 1200,
          exportLimitPerMinute: 100,
        },
        async (sim) => {
          const deadline = Date.now() + 10_000;
          while (!received.some((r) => r.body.includes('ticket.created')) && Date.now() < deadline)
            await new Promise((r) => setTimeout(r, 50));
          const created = received.find((r) => r.body.includes('ticket.created'));
          expect(created).toBeDefined();
          const { headers, body } = created!;
          expect(headers['user-agent']).toBe('Zendesk Webhook');
          const ts = headers['x-zendesk-webhook-signature-timestamp'] as string;
          const sig = headers['x-zendesk-webhook-signature'] as string;
          expect(verifyWebhook('whsec', ts, body, sig)).toBe(true);
          expect(verifyWebhook('whsec', ts, body.replace('"type"', '"typo"'), sig)).toBe(false);
          const event = JSON.parse(body) as Json;
          expect(Object.keys(event)).toEqual([
            'type',
            'account_id',
            'id',
            'time',
            'zendesk_event_version',
            'subject',
            'detail',
            'event',
          ]);
          const detail = event.detail as Json;
          expect(event.subject).toBe(`zen:ticket:${detail.id}`);
          expect(detail.status).toBe('NEW');
          const t = await get(sim.url, `/api/v2/tickets/${detail.id as string}.json`);
          expect(t.status).toBe(200);
          const exported = await get(sim.url, '/api/v2/incremental/tickets/cursor.json?start_time=0');
          expect((exported.json.tickets as Json[]).map((x) => String(x.id))).toContain(detail.id);
        },
      );
    } finally {
      await new Promise<void>((r) => hook.close(() => r()));
    }
  });
});
