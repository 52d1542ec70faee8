import type {
  Account,
  Channel,
  Device,
  Person,
  PortalEventType,
  Priority,
  PulseRecord,
  Satisfaction,
  Ticket,
  TicketStatus,
} from '../../core/records';
import { ColumnarDatasetBuilder, type ColumnarDataset } from '../../core/dataset';
import type { Database } from '../db/database';

/**
 * Everything the engine reads for one tenant. Portal events exist only as columns: a large
 * tenant has millions, and keeping them as objects too made every garbage collection of the
 * server walk them (the sidebar asks the database for one requester's events instead).
 */
export interface TenantRecords {
  accounts: Account[];
  persons: Person[];
  tickets: Ticket[];
  /** The same records as the engine prepares them, built row by row while loading. */
  columns: ColumnarDataset;
}

interface TicketRow {
  id: string;
  account_id: string | null;
  requester_id: string;
  channel: Channel;
  priority: Priority;
  status: TicketStatus;
  created_at: number;
  solved_at: number | null;
  agent_replies: number;
  reopens: number;
  group_stations: number;
  first_reply_minutes: number | null;
  full_resolution_minutes: number | null;
  satisfaction: Satisfaction;
  tags: string[];
  subject: string;
  description: string;
}

interface EventRow {
  type: PortalEventType;
  occurred_at: number;
  visitor_id: string;
  person_id: string | null;
  account_id: string | null;
  query: string | null;
  result_count: number | null;
  clicked_result: boolean | null;
  article_id: string | null;
  device: Device;
}

/** bigint comes back as a string from node-postgres; float8 is a number on both drivers. */
const ms = (col: string) => `${col}::float8 AS ${col}`;

export interface LoadOptions {
  /** Events fetched at a time (default 50,000): only one batch of row objects exists at once. */
  eventBatch?: number;
}

export async function loadTenantRecords(
  db: Database,
  tenantId: string,
  { eventBatch = 10_000 }: LoadOptions = {},
): Promise<TenantRecords> {
  const accounts = await db.query<Omit<Account, 'kind'>>(
    `SELECT id, name, tags, ${ms('created_at')} FROM accounts WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
  const persons = await db.query<Omit<Person, 'kind'>>(
    'SELECT id, account_id, name, email FROM persons WHERE tenant_id = $1 ORDER BY id',
    [tenantId],
  );
  const tickets = await db.query<TicketRow>(
    `SELECT id, account_id, requester_id, channel, priority, status, ${ms('created_at')}, ${ms('solved_at')},
       agent_replies, reopens, group_stations, first_reply_minutes, full_resolution_minutes, satisfaction, tags,
       subject, description
     FROM tickets WHERE tenant_id = $1 ORDER BY created_at, id`,
    [tenantId],
  );
  const [{ n: eventCount } = { n: 0 }] = (
    await db.query<{ n: number }>('SELECT count(*)::int AS n FROM portal_events WHERE tenant_id = $1', [
      tenantId,
    ])
  ).rows;
  // The builder interns ids and scores ticket texts as each row arrives, which prepare would
  // otherwise do.
  const columns = new ColumnarDatasetBuilder(eventCount, tickets.rows.length);
  const record = <R extends PulseRecord>(r: R): R => {
    columns.add(r);
    return r;
  };
  const loaded = {
    accounts: accounts.rows.map((r) => record({ kind: 'account', ...r })),
    persons: persons.rows.map((r) => record({ kind: 'person', ...r })),
    tickets: tickets.rows.map((r) => record({ kind: 'ticket', ...r })),
  };
  // In storage order: results do not depend on the order of events, and sorting millions of
  // rows would cost the database seconds. The next batch is asked for before this one is added,
  // so the database works while this process does.
  await db.transaction(async (tx) => {
    await tx.query(
      `DECLARE pulse_events NO SCROLL CURSOR FOR
       SELECT type, ${ms('occurred_at')}, visitor_id, person_id, account_id, query, result_count, clicked_result,
         article_id, device
       FROM portal_events WHERE tenant_id = $1`,
      [tenantId],
    );
    const fetchBatch = () => tx.query<EventRow>(`FETCH ${eventBatch} FROM pulse_events`);
    let next = fetchBatch();
    for (;;) {
      const { rows } = await next;
      const more = rows.length === eventBatch;
      if (more) next = fetchBatch();
      for (const r of rows) columns.addEvent(r);
      if (!more) break;
    }
  });
  return { ...loaded, columns: columns.build() };
}
