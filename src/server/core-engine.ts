import { accountHealth, accountHealthDetail, healthTrends, prepareAccountHealth } from '../core/health';
import { prepareColumns, type PreparedDataset } from '../core/prepare';
import { computeReport, METRIC_KEYS } from '../core/report';
import {
  computeBucketReports,
  isSeriesMetric,
  needsActiveUsers,
  seriesOf,
  SERIES_METRICS,
  type BucketReports,
} from '../core/series';
import { segmentKey } from './http/query';
import { activitySummary } from '../core/summary';
import type { AccountHealthRow, Engine } from './engine';
import { HttpError } from './http/errors';

/** Bucket reports per prepared snapshot; a rebuilt snapshot drops its entries with it. */
const bucketReports = new WeakMap<PreparedDataset, Map<string, BucketReports>>();
const BUCKET_REPORTS_KEPT = 16;

/** The engine of src/core behind the API: the server computes no metric of its own. */
export const coreEngine: Engine<PreparedDataset> = {
  prepare: (records, settings) => {
    const prepared = prepareColumns(records.columns, settings);
    // The sidebar asks for one account per ticket opened: have each cost only that account's rows.
    if (prepared.dataAsOf !== null) prepareAccountHealth(prepared, settings, prepared.dataAsOf + 1);
    return prepared;
  },
  report: (prepared, window, settings, segment) => computeReport(prepared, window, settings, segment),
  metricKeys: METRIC_KEYS,
  dataAsOf: (prepared) => prepared.dataAsOf,
  series: (prepared, metric, window, interval, settings, segment) => {
    if (!isSeriesMetric(metric))
      throw new HttpError(
        400,
        'invalid_request',
        `metric has no trend; one of ${SERIES_METRICS.join(', ')}`,
        'metric',
      );
    // A trends view asks for several metrics over the same buckets: report each bucket once.
    let perSnapshot = bucketReports.get(prepared);
    if (!perSnapshot) bucketReports.set(prepared, (perSnapshot = new Map()));
    const activeUsers = needsActiveUsers(metric);
    const key = `${interval}|${window.from}|${window.to}|${segmentKey(segment)}|${activeUsers}`;
    let reports = perSnapshot.get(key);
    if (!reports) {
      reports = computeBucketReports(prepared, window, interval, settings, segment, { activeUsers });
      if (perSnapshot.size >= BUCKET_REPORTS_KEPT)
        perSnapshot.delete(perSnapshot.keys().next().value as string);
      perSnapshot.set(key, reports);
    }
    return seriesOf(reports, metric);
  },
  accountHealth: (prepared, settings, asOf): AccountHealthRow[] => {
    const trends = healthTrends(prepared, settings, asOf);
    const byId = new Map(prepared.accounts.map((a) => [a.id, a]));
    return accountHealth(prepared, settings, asOf).map((h) => {
      const account = byId.get(h.account_id);
      return {
        account_id: h.account_id,
        // Accounts seen only on tickets or events have no record: their id stands for the name.
        name: account?.name ?? h.account_id,
        tags: account?.tags ?? [],
        score: h.score,
        band: h.band,
        factors: h.factors,
        top_factor: h.top_factor,
        falling: trends.get(h.account_id)?.falling ?? false,
      };
    });
  },
  accountDetail: (prepared, settings, accountId, asOf) => {
    const detail = accountHealthDetail(prepared, settings, accountId, asOf);
    if (detail === null) return null;
    return {
      health: detail.health,
      factors: detail.health.factors,
      trend: detail.trend,
      summary: activitySummary(prepared, accountId, asOf, { days: settings.health_window_days }),
      key_figures: detail.key_figures,
    };
  },
};
