import type { FastifyPluginAsync } from 'fastify';
import { selectAccounts, type AccountQuery } from '../accounts-view';
import { DatasetCache, type DatasetSnapshot } from '../dataset/dataset-cache';
import { enginePart } from '../engine';
import { HttpError } from '../http/errors';
import { iso, segmentKey, windowJson } from '../http/query';
import { authOf } from './context';
import type { EngineOptions } from './metrics';

const DAY = 86_400_000;
const RECENT_TICKETS = 10;

export function accountRoutes<P>(): FastifyPluginAsync<EngineOptions<P>> {
  return async (app, { engine, datasets }) => {
    /** Health is "as of" the newest data, so a backfill of old data still scores its last 30 days. */
    const asOfOf = (snap: DatasetSnapshot<P>) => snap.dataAsOf ?? Date.now();
    const healthOf = (snap: DatasetSnapshot<P>) =>
      DatasetCache.memo(snap, 'health', () =>
        enginePart(engine.accountHealth, 'account health').call(
          engine,
          snap.prepared,
          snap.settings,
          asOfOf(snap),
        ),
      );

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
        const asOf = asOfOf(snap);
        const { total, items } = selectAccounts(healthOf(snap), q);
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
        const asOf = asOfOf(snap);
        const detail = DatasetCache.memo(snap, `account|${id}`, () =>
          enginePart(engine.accountDetail, 'account detail').call(
            engine,
            snap.prepared,
            snap.settings,
            id,
            asOf,
          ),
        );
        if (detail === null) throw new HttpError(404, 'not_found', `no account "${id}"`);
        const window = { from: asOf - snap.settings.health_window_days * DAY, to: asOf };
        const recent = snap.records.tickets
          .filter((t) => t.account_id === id)
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
        const figures = DatasetCache.memo(
          snap,
          `report|${window.from}|${window.to}|${segmentKey({ account_id: id })}`,
          () => engine.report(snap.prepared, window, snap.settings, { account_id: id }),
        );
        return {
          account_id: id,
          window: windowJson(window),
          data_as_of: iso(snap.dataAsOf),
          ...detail,
          key_figures: figures,
          recent_tickets: recent,
        };
      },
    );
  };
}
