import type { EventFields } from '../../core/event-table';
import type { Account, Person, Ticket } from '../../core/records';
import { ColumnarDatasetBuilder, type ColumnarDataset } from '../../core/dataset';
import type { Database, Queryable } from '../db/database';

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

/** bigint comes back as a string from node-postgres; float8 is a number on both drivers. */
const ms = (col: string) => `${col}::float8 AS ${col}`;

export interface LoadOptions {
  /** Rows fetched at a time (default 10,000): only a batch or two of row objects exist at once. */
  batch?: number;
}

let cursors = 0;

/**
 * Runs `sql` through a cursor and hands its rows over a batch at a time, asking for the next
 * batch before handing this one over, so the database works while this process does. On
 * PostgreSQL the cursor lives in a transaction on a connection of its own. PGlite has one
 * connection, and a transaction would hold it – every beacon and API query waiting – for the whole
 * load; there the cursor is declared WITH HOLD (the database computes the rows once, spilling to
 * disk as needed) and other queries run between its fetches.
 */
async function eachBatch<R extends object>(
  db: Database,
  sql: string,
  params: unknown[],
  batch: number,
  onRows: (rows: R[]) => void,
): Promise<void> {
  const cursor = `pulse_load_${++cursors}`;
  const run = async (q: Queryable, hold: boolean) => {
    await q.query(`DECLARE ${cursor} NO SCROLL CURSOR ${hold ? 'WITH HOLD ' : ''}FOR ${sql}`, params);
    try {
      const fetchBatch = () => q.query<R>(`FETCH ${batch} FROM ${cursor}`);
      let next = fetchBatch();
      for (;;) {
        const { rows } = await next;
        const more = rows.length === batch;
        if (more) next = fetchBatch();
        onRows(rows);
        if (!more) break;
      }
    } finally {
      // A transaction's cursor ends with it; a held one stays open until closed.
      if (hold) await q.query(`CLOSE ${cursor}`);
    }
  };
  if (db.kind === 'postgres') await db.transaction((tx) => run(tx, false));
  else await run(db, true);
}

export async function loadTenantRecords(
  db: Database,
  tenantId: string,
  { batch = 10_000 }: LoadOptions = {},
): Promise<TenantRecords> {
  // Rows come back as records (their kind selected with them), so none is copied.
  const accounts = await db.query<Account>(
    `SELECT 'account' AS kind, id, name, tags, ${ms('created_at')} FROM accounts WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
  const persons = await db.query<Person>(
    `SELECT 'person' AS kind, id, account_id, name, email FROM persons WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
  const [counts = { tickets: 0, events: 0 }] = (
    await db.query<{ tickets: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM tickets WHERE tenant_id = $1) AS tickets,
              (SELECT count(*)::int FROM portal_events WHERE tenant_id = $1) AS events`,
      [tenantId],
    )
  ).rows;
  // The builder interns ids and scores ticket texts as each row arrives, which prepare would
  // otherwise do.
  const columns = new ColumnarDatasetBuilder(counts.events, counts.tickets);
  for (const r of accounts.rows) columns.add(r);
  for (const r of persons.rows) columns.add(r);
  const tickets: Ticket[] = [];
  await eachBatch<Ticket>(
    db,
    `SELECT 'ticket' AS kind, id, account_id, requester_id, channel, priority, status, ${ms('created_at')},
         ${ms('solved_at')}, agent_replies, reopens, group_stations, first_reply_minutes, full_resolution_minutes,
         satisfaction, tags, subject, description
       FROM tickets WHERE tenant_id = $1 ORDER BY created_at, id`,
    [tenantId],
    batch,
    (rows) => {
      for (const r of rows) {
        columns.add(r);
        tickets.push(r);
      }
    },
  );
  // Events in storage order: results do not depend on their order, and sorting millions of rows
  // would cost the database seconds.
  await eachBatch<EventFields>(
    db,
    `SELECT type, ${ms('occurred_at')}, visitor_id, person_id, account_id, query, result_count, clicked_result,
         article_id, device
       FROM portal_events WHERE tenant_id = $1`,
    [tenantId],
    batch,
    (rows) => {
      for (const r of rows) columns.addEvent(r);
    },
  );
  return { accounts: accounts.rows, persons: persons.rows, tickets, columns: columns.build() };
}
