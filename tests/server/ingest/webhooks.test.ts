import type { FastifyInstance } from 'fastify';
import { signWebhook } from '../../../src/platforms/zendesk/webhook-signature';
import { buildServer } from '../../../src/server/app';
import { syncTenant } from '../../../src/server/ingest/sync';
import { startSimulator } from '../../../src/simulator';
import type { RunningSimulator } from '../../../src/simulator';
import { openTestDatabase } from '../test-db';
import type { TestDatabase } from '../test-db';
import { addSimTenant, simClient } from './helpers';

jest.setTimeout(60_000);

const SECRET = 'test-secret'; // the tenant's secret (helpers.addSimTenant)

describe('POST /webhooks/zendesk/:subdomain', () => {
  let sim: RunningSimulator;
  let t: TestDatabase;
  let app: FastifyInstance;
  let tenantId: string;
  let base: string;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 3, scale: '50', exportLimitPerMinute: 10_000 });
    t = await openTestDatabase('pglite');
    tenantId = await addSimTenant(t.db, sim.url);
    app = await buildServer({ db: t.db });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
    await sim.close();
  });

  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { statusCode: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const send = (body: string, opts: { secret?: string; at?: Date } = {}) => {
    const ts = (opts.at ?? new Date()).toISOString();
    return post('/webhooks/zendesk/demo', body, {
      'x-zendesk-webhook-signature-timestamp': ts,
      'x-zendesk-webhook-signature': signWebhook(opts.secret ?? SECRET, ts, body),
    });
  };
  const event = (id: string, ticket: string) =>
    JSON.stringify({ type: 'zen:event-type:ticket.status_changed', id, detail: { id: ticket } });

  it('accepts a signed event once, ignores its redelivery, and the next pass refreshes the ticket', async () => {
    await syncTenant(t.db, tenantId, simClient(sim.url));
    const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM tickets ORDER BY id LIMIT 1`);
    const ticketId = rows[0]!.id;
    await t.db.query(`DELETE FROM tickets WHERE id = $1`, [ticketId]);

    const first = await send(event('01HEVENT1', ticketId));
    expect([first.statusCode, first.body]).toEqual([202, { status: 'accepted' }]);
    const again = await send(event('01HEVENT1', ticketId));
    expect([again.statusCode, again.body]).toEqual([200, { status: 'duplicate' }]);

    const client = simClient(sim.url);
    const results = await syncTenant(t.db, tenantId, client);
    expect(results.at(-1)).toMatchObject({ source: 'refresh', fetched: 1, changed: 1 });
    // One request per export source (nothing new) + ticket + metric set.
    expect(client.requests).toBe(5);
    const back = await t.db.query(`SELECT 1 FROM tickets WHERE id = $1`, [ticketId]);
    expect(back.rows).toHaveLength(1);
    const marks = await t.db.query(`SELECT 1 FROM ticket_refresh`);
    expect(marks.rows).toHaveLength(0);
  });

  it('refuses a wrong signature, a stale timestamp, a bad body and an unknown tenant', async () => {
    const bad = await send(event('e2', '1'), { secret: 'not-the-secret' });
    expect([bad.statusCode, bad.body.error]).toEqual([401, 'bad_signature']);
    const stale = await send(event('e3', '1'), { at: new Date(Date.now() - 6 * 60_000) });
    expect([stale.statusCode, stale.body.error]).toEqual([401, 'stale_timestamp']);
    const garbled = await send('{"id":');
    expect([garbled.statusCode, garbled.body.error]).toEqual([400, 'malformed_json']);
    const noTicket = await send(JSON.stringify({ id: 'e4' }));
    expect([noTicket.statusCode, noTicket.body.error]).toEqual([400, 'invalid_event']);
    const unknown = await post('/webhooks/zendesk/nobody', '{}');
    expect(unknown.statusCode).toBe(404);
    const { rows } = await t.db.query(`SELECT 1 FROM webhook_events WHERE event_id <> '01HEVENT1'`);
    expect(rows).toHaveLength(0);
  });
});
