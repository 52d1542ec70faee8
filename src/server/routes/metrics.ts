import type { FastifyPluginAsync } from 'fastify';
import type { Settings } from '../../core/settings';
import { DatasetCache, type DatasetSnapshot } from '../dataset/dataset-cache';
import type { Engine, Interval, Segment, Window } from '../engine';
import { HttpError } from '../http/errors';
import {
  iso,
  parseSegment,
  parseWindow,
  previousWindow,
  segmentKey,
  windowJson,
  type SegmentQuery,
} from '../http/query';
import { authOf, type ApiOptions } from './context';

export interface EngineOptions<P> extends ApiOptions {
  engine: Engine<P>;
  datasets: DatasetCache<P>;
}

const DAY = 86_400_000;

const windowQuery = {
  from: { type: 'string', description: 'ISO 8601 date or time (inclusive)' },
  to: { type: 'string', description: 'ISO 8601 date or time (exclusive)' },
} as const;
const segmentQuery = {
  account: { type: 'string' },
  account_tag: { type: 'string' },
  channel: { type: 'string' },
  device: { type: 'string' },
} as const;

/** The stored baseline period, else the 90 days before the portal launch, else none. */
export function baselineWindow(settings: Settings): Window | null {
  const { from, to } = settings.baseline;
  if (from !== null && to !== null) return { from, to };
  if (settings.portal_launch_date !== null) {
    return { from: settings.portal_launch_date - 90 * DAY, to: settings.portal_launch_date };
  }
  return null;
}

export function engineRoutes<P>(): FastifyPluginAsync<EngineOptions<P>> {
  return async (app, { engine, datasets }) => {
    const reportOf = (snap: DatasetSnapshot<P>, w: Window, segment: Segment) =>
      DatasetCache.memo(snap, `report|${w.from}|${w.to}|${segmentKey(segment)}`, () =>
        engine.report(snap.prepared, w, snap.settings, segment),
      );
    const asOf = (snap: DatasetSnapshot<P>) => iso(snap.dataAsOf);

    app.get<{ Querystring: { from: string; to: string } & SegmentQuery }>(
      '/metrics',
      {
        schema: {
          querystring: {
            type: 'object',
            required: ['from', 'to'],
            additionalProperties: false,
            properties: { ...windowQuery, ...segmentQuery },
          },
        },
      },
      async (request) => {
        const window = parseWindow(request.query);
        const segment = parseSegment(request.query);
        const snap = await datasets.get(authOf(request).tenantId);
        const previous = previousWindow(window);
        const baseline = baselineWindow(snap.settings);
        return {
          window: windowJson(window),
          segment,
          data_as_of: asOf(snap),
          report: reportOf(snap, window, segment),
          previous: { window: windowJson(previous), report: reportOf(snap, previous, segment) },
          baseline: baseline && { window: windowJson(baseline), report: reportOf(snap, baseline, segment) },
        };
      },
    );

    app.get<{
      Querystring: { metric: string; from: string; to: string; interval?: Interval } & SegmentQuery;
    }>(
      '/trends',
      {
        schema: {
          querystring: {
            type: 'object',
            required: ['metric', 'from', 'to'],
            additionalProperties: false,
            properties: {
              metric: { type: 'string' },
              interval: { type: 'string', enum: ['day', 'week'], default: 'day' },
              ...windowQuery,
              ...segmentQuery,
            },
          },
        },
      },
      async (request) => {
        const { metric } = request.query;
        const interval = request.query.interval ?? 'day';
        if (!engine.metricKeys.includes(metric)) {
          throw new HttpError(
            400,
            'invalid_request',
            `metric must be one of ${engine.metricKeys.join(', ')}`,
            'metric',
          );
        }
        const window = parseWindow(request.query);
        const segment = parseSegment(request.query);
        const snap = await datasets.get(authOf(request).tenantId);
        const series = DatasetCache.memo(
          snap,
          `series|${metric}|${interval}|${window.from}|${window.to}|${segmentKey(segment)}`,
          () => engine.series(snap.prepared, metric, window, interval, snap.settings, segment),
        );
        return { window: windowJson(window), segment, data_as_of: asOf(snap), metric, interval, series };
      },
    );

    app.get<{ Querystring: { from: string; to: string } }>(
      '/content-gaps',
      {
        schema: {
          querystring: {
            type: 'object',
            required: ['from', 'to'],
            additionalProperties: false,
            properties: windowQuery,
          },
        },
      },
      async (request) => {
        const window = parseWindow(request.query);
        const snap = await datasets.get(authOf(request).tenantId);
        // The engine's report nests every figure under `metrics`, as `metrics --json` prints it.
        const report = reportOf(snap, window, {}) as { metrics?: { content_gaps?: unknown } };
        return {
          window: windowJson(window),
          data_as_of: asOf(snap),
          content_gaps: report.metrics?.content_gaps ?? [],
        };
      },
    );
  };
}
