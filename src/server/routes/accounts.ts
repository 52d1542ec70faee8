import type { FastifyPluginAsync } from 'fastify';
import type { Ticket } from '../../core/records';
import { selectAccounts, type AccountQuery } from '../accounts-view';
import { DatasetCache, type DatasetSnapshot } from '../dataset/dataset-cache';
import type { AccountHealthRow, Engine } from '../engine';
import { HttpError } from '../http/errors';
import { iso, segmentKey, windowJson } from '../http/query';
import { authOf } from './context';
import type { EngineOptions } from './metrics';

const DAY = 86_400_000;
const RECENT_TICKETS = 10;

/**
 * Health is "as of" the newest data (+1 ms: windows are half-open), so a backfill of old data
 * still scores its last 30 days; the sync time or the clock only when the engine cannot tell.
 */
export function healthAsOf<P>(engine: Engine<P>, snap: DatasetSnapshot<P>): number {
  const newest = engine.dataAsOf?.(snap.prepared) ?? null;
  return newest !== null ? newest + 1 : (snap.dataAsOf ?? Date.now());
}

/** Every account's health row, computed once per snapshot and shared by the list and the CSV export. */
export function healthRows<P>(engine: Engine<P>, snap: DatasetSnapshot<P>): AccountHealthRow[] {
  const asOf = healthAsOf(engine, snap);
  return DatasetCache.memo(snap, `health|${asOf}`, () =>
    engine.accountHealth(snap.prepared, snap.settings, asOf),
  );
}

/** The snapshot's tickets by account, grouped once: the sidebar asks for one account per ticket opened. */
function ticketsByAccount<P>(snap: DatasetSnapshot<P>): Map<string, Ticket[]> {
  return DatasetCache.memo(snap, 'tickets-by-account', () => {
    const groups = new Map<string, Ticket[]>();
    for (const t of snap.records.tickets) {
      if (t.account_id === null) continue;
      const list = groups.get(t.account_id);
      if (list) list.push(t);
      else groups.set(t.account_id, [t]);
    }
    return groups;
  });
}

export function accountRoutes<P>(): FastifyPluginAsync<EngineOptions<P>> {
  return async (app, { engine, datasets }) => {
    app.get<{ Querystring: Partial<AccountQuery> }>(
      '/accounts',
      {
        schema: {
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              band: { type: 'string', enum: ['healthy', 'watch', 'at_risk'] },
              tag: { type: 'string', maxLength: 200 },
              search: { type: 'string', maxLength: 200 },
              sort: { type: 'string', enum: ['score', '-score', 'name', '-name'], default: 'score' },
              page: { type: 'integer', minimum: 1, default: 1 },
              per_page: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            },
          },
        },
      },
      async (request) => {
        const q = request.query as AccountQuery;
        const snap = await datasets.get(authOf(request).tenantId);
        const asOf = healthAsOf(engine, snap);
        const { total, items } = selectAccounts(healthRows(engine, snap), q);
        return {
          window: windowJson({ from: asOf - snap.settings.health_window_days * DAY, to: asOf }),
          data_as_of: iso(snap.dataAsOf),
          total,
          page: q.page,
          per_page: q.per_page,
          accounts: items,
        };
      },
    );

    app.get<{ Params: { id: string } }>(
      '/accounts/:id',
      {
        schema: {
          params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 200 } } },
        },
      },
      async (request) => {
        const { id } = request.params;
        const snap = await datasets.get(authOf(request).tenantId);
        const asOf = healthAsOf(engine, snap);
        const detail = DatasetCache.memo(snap, `account|${id}`, () =>
          engine.accountDetail(snap.prepared, snap.settings, id, asOf),
        );
        if (detail === null) throw new HttpError(404, 'not_found', `no account "${id}"`);
        const window = { from: asOf - snap.settings.health_window_days * DAY, to: asOf };
        const recent = (ticketsByAccount(snap).get(id) ?? [])
          .slice()
          .sort((a, b) => b.created_at - a.created_at)
          .slice(0, RECENT_TICKETS)
          .map((t) => ({
            id: t.id,
            subject: t.subject,
            status: t.status,
            priority: t.priority,
            channel: t.channel,
            satisfaction: t.satisfaction,
            created_at: iso(t.created_at),
            solved_at: iso(t.solved_at),
          }));
        // An engine that has no key figures of its own answers with the account's report.
        const { key_figures: own, ...rest } = detail as { key_figures?: unknown };
        const figures =
          own ??
          DatasetCache.memo(
            snap,
            `report|${window.from}|${window.to}|${segmentKey({ account_id: id })}`,
            () => engine.report(snap.prepared, window, snap.settings, { account_id: id }),
          );
        return {
          account_id: id,
          window: windowJson(window),
          data_as_of: iso(snap.dataAsOf),
          ...rest,
          key_figures: figures,
          recent_tickets: recent,
        };
      },
    );
  };
}
