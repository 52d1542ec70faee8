import type {
  Account,
  Channel,
  Device,
  Person,
  PortalEvent,
  PortalEventType,
  Priority,
  PulseRecord,
  Satisfaction,
  Ticket,
  TicketStatus,
} from '../../core/records';
import { ColumnarDatasetBuilder, type ColumnarDataset } from '../../core/dataset';
import type { Queryable } from '../db/database';

/** Everything the engine reads for one tenant, as platform-neutral records. */
export interface TenantRecords {
  accounts: Account[];
  persons: Person[];
  tickets: Ticket[];
  events: PortalEvent[];
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

export async function loadTenantRecords(db: Queryable, tenantId: string): Promise<TenantRecords> {
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
  const events = await db.query<EventRow>(
    `SELECT type, ${ms('occurred_at')}, visitor_id, person_id, account_id, query, result_count, clicked_result,
       article_id, device
     FROM portal_events WHERE tenant_id = $1 ORDER BY occurred_at, id`,
    [tenantId],
  );
  // The sidebar reads the event objects too, so they are kept; the builder interns their ids
  // and scores ticket texts as each row arrives, which prepare would otherwise do.
  const columns = new ColumnarDatasetBuilder(events.rows.length);
  const record = <R extends PulseRecord>(r: R): R => {
    columns.add(r);
    return r;
  };
  return {
    accounts: accounts.rows.map((r) => record({ kind: 'account', ...r })),
    persons: persons.rows.map((r) => record({ kind: 'person', ...r })),
    tickets: tickets.rows.map((r) => record({ kind: 'ticket', ...r })),
    events: events.rows.map((r) => record({ kind: 'portal_event', ...r })),
    columns: columns.build(),
  };
}
