import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importFiles, ImportFormatError } from '../../src/server/import/import-files';
import { addTenant } from '../../src/server/repo/tenants';
import { BACKENDS, openTestDatabase, type TestDatabase } from './test-db';

const LINES = [
  '{"kind":"account","id":"a1","name":"Acme","tags":["vip"],"created_at":"2025-01-01T00:00:00Z"}',
  '{"kind":"person","id":"p1","account_id":"a1","name":"Ada","email":"ada@acme.test"}',
  '{"kind":"ticket","id":"t1","account_id":"a1","requester_id":"p1","channel":"web","priority":"normal","status":"solved","created_at":"2026-01-05T10:00:00Z","solved_at":"2026-01-05T12:00:00Z","agent_replies":1,"reopens":0,"group_stations":1,"first_reply_minutes":30,"full_resolution_minutes":120,"satisfaction":"good","tags":[],"subject":"Login","description":"Cannot log in"}',
  '{"kind":"ticket","id":"t2"}',
  '{"kind":"portal_event","type":"search","occurred_at":"2026-01-05T09:50:00Z","visitor_id":"v1","person_id":"p1","account_id":null,"query":"login","result_count":0,"clicked_result":false,"article_id":null,"device":"desktop"}',
];

describe.each(BACKENDS)('importFiles on %s', (backend) => {
  let t: TestDatabase;
  let tenantId: string;
  let dir: string;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
    tenantId = (
      await addTenant(t.db, {
        subdomain: 'acme',
        helpdeskUrl: 'http://x',
        apiEmail: 'e',
        apiToken: 't',
        jwtSecret: 's',
      })
    ).id;
    dir = await mkdtemp(path.join(tmpdir(), 'pulse-import-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const counts = async () => {
    const { rows } = await t.db.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM accounts WHERE tenant_id = $1) AS accounts,
              (SELECT count(*)::int FROM persons WHERE tenant_id = $1) AS persons,
              (SELECT count(*)::int FROM tickets WHERE tenant_id = $1) AS tickets,
              (SELECT count(*)::int FROM portal_events WHERE tenant_id = $1) AS events`,
      [tenantId],
    );
    return rows[0];
  };

  it('imports Pulse NDJSON, reports the bad line by number, and a second import changes nothing', async () => {
    const file = path.join(dir, 'records.ndjson');
    await writeFile(file, LINES.join('\n') + '\n');
    const [first] = await importFiles(t.db, tenantId, [file]);
    expect(first).toMatchObject({
      format: 'pulse',
      lines: 5,
      records: 4,
      inserted: 4,
      updated: 0,
      errorCount: 1,
    });
    expect(first!.errors[0]!.line).toBe(4);
    expect(first!.errors[0]!.message).toMatch(/^line 4: ticket: /);
    const after = await counts();
    expect(after).toEqual({ accounts: 1, persons: 1, tickets: 1, events: 1 });
    const [second] = await importFiles(t.db, tenantId, [file]);
    expect(second).toMatchObject({ inserted: 0, updated: 0 });
    expect(await counts()).toEqual(after);
  });

  it('imports a Zendesk export page (pretty-printed) and Zendesk export lines, idempotently', async () => {
    const page = {
      tickets: [
        {
          id: 501,
          created_at: '2026-02-01T10:00:00Z',
          updated_at: '2026-02-01T12:00:00Z',
          status: 'solved',
          priority: 'high',
          requester_id: 9001,
          organization_id: 77,
          via: { channel: 'email' },
          tags: ['billing'],
          subject: 'Invoice',
          description: 'Wrong amount',
          satisfaction_rating: { score: 'bad' },
        },
      ],
      metric_sets: [
        {
          ticket_id: 501,
          replies: 2,
          reopens: 1,
          group_stations: 1,
          solved_at: '2026-02-01T11:00:00Z',
          reply_time_in_minutes: { calendar: 15 },
          full_resolution_time_in_minutes: { calendar: 60 },
        },
      ],
      users: [
        { id: 9001, role: 'end-user', name: 'Bo', email: 'bo@z.test', organization_id: 77 },
        { id: 1, role: 'agent', name: 'Agent' },
      ],
      organizations: [
        { id: 77, name: 'Zeta', tags: [], created_at: '2024-01-01T00:00:00Z', domain_names: [] },
      ],
    };
    const pageFile = path.join(dir, 'page.json');
    await writeFile(pageFile, JSON.stringify(page, null, 2));
    const linesFile = path.join(dir, 'tickets.json');
    await writeFile(linesFile, [JSON.stringify({ ...page.tickets[0], id: 502 }), '{"id": 3}'].join('\n'));
    const [p1, l1] = await importFiles(t.db, tenantId, [pageFile, linesFile]);
    expect(p1).toMatchObject({ format: 'zendesk', records: 3, inserted: 3, errorCount: 0 });
    expect(l1).toMatchObject({ format: 'zendesk', records: 1, inserted: 1, errorCount: 1 });
    expect(l1!.errors[0]).toEqual({
      line: 2,
      message: 'line 2: not a Zendesk ticket, user, organization or export page',
    });
    const { rows } = await t.db.query<Record<string, unknown>>(
      "SELECT account_id, channel, agent_replies, reopens, satisfaction, first_reply_minutes FROM tickets WHERE tenant_id = $1 AND id = '501'",
      [tenantId],
    );
    expect(rows).toEqual([
      {
        account_id: '77',
        channel: 'email',
        agent_replies: 2,
        reopens: 1,
        satisfaction: 'bad',
        first_reply_minutes: 15,
      },
    ]);
    const again = await importFiles(t.db, tenantId, [pageFile, linesFile]);
    expect(again.map((r) => r.inserted + r.updated)).toEqual([0, 0]);
  });

  it('refuses a file that is not JSON lines, naming it', async () => {
    const file = path.join(dir, 'notes.txt');
    await writeFile(file, 'hello\n');
    await expect(importFiles(t.db, tenantId, [file])).rejects.toThrow(ImportFormatError);
    await expect(importFiles(t.db, tenantId, [file])).rejects.toThrow(`${file}: line 1 is not a JSON object`);
  });
});
