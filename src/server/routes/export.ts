import type { FastifyPluginAsync } from 'fastify';
import { DatasetCache } from '../dataset/dataset-cache';
import { toCsv, type Cell } from '../http/csv';
import { HttpError } from '../http/errors';
import { iso, parseSegment, parseWindow, segmentKey, type SegmentQuery } from '../http/query';
import { healthRows } from './accounts';
import { authOf } from './context';
import type { EngineOptions } from './metrics';

type Row = [string, Cell, Cell, Cell];

/** Report → one row per figure: rates keep numerator and denominator; lists (content gaps) are left to JSON. */
export function reportRows(report: object, prefix = ''): Row[] {
  const rows: Row[] = [];
  for (const [key, v] of Object.entries(report)) {
    const name = prefix + key;
    if (v === null || typeof v === 'number') rows.push([name, v, null, null]);
    else if (typeof v === 'object' && !Array.isArray(v)) {
      const r = v as Record<string, unknown>;
      if ('value' in r && (r.value === null || typeof r.value === 'number')) {
        rows.push([name, r.value as number | null, r.numerator as Cell, r.denominator as Cell]);
      } else rows.push(...reportRows(r, `${name}.`));
    }
  }
  return rows;
}

export function exportRoutes<P>(): FastifyPluginAsync<EngineOptions<P>> {
  return async (app, { engine, datasets }) => {
    app.get<{ Querystring: { view: 'metrics' | 'accounts'; from?: string; to?: string } & SegmentQuery }>(
      '/export.csv',
      {
        schema: {
          querystring: {
            type: 'object',
            required: ['view'],
            additionalProperties: false,
            properties: {
              view: { type: 'string', enum: ['metrics', 'accounts'] },
              from: { type: 'string' },
              to: { type: 'string' },
              account: { type: 'string' },
              account_tag: { type: 'string' },
              channel: { type: 'string' },
              device: { type: 'string' },
            },
          },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const snap = await datasets.get(authOf(request).tenantId);
        let csv: string;
        if (q.view === 'accounts') {
          const rows = healthRows(engine, snap);
          csv = toCsv(
            ['account_id', 'name', 'tags', 'score', 'band', 'data_as_of'],
            rows.map((r) => [r.account_id, r.name, r.tags.join(' '), r.score, r.band, iso(snap.dataAsOf)]),
          );
        } else {
          if (q.from === undefined || q.to === undefined) {
            throw new HttpError(
              400,
              'invalid_request',
              'view=metrics needs from and to',
              q.from === undefined ? 'from' : 'to',
            );
          }
          const window = parseWindow({ from: q.from, to: q.to });
          const segment = parseSegment(q);
          const report = DatasetCache.memo(
            snap,
            `report|${window.from}|${window.to}|${segmentKey(segment)}`,
            () => engine.report(snap.prepared, window, snap.settings, segment),
          );
          const meta = [iso(window.from), iso(window.to), iso(snap.dataAsOf)];
          // One row per metric key: window and data_as_of are columns, not rows.
          const { metrics } = report as { metrics: object };
          csv = toCsv(
            ['metric', 'value', 'numerator', 'denominator', 'from', 'to', 'data_as_of'],
            reportRows(metrics).map((r) => [...r, ...meta]),
          );
        }
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="portal-pulse-${q.view}.csv"`)
          .send(csv);
      },
    );
  };
}
