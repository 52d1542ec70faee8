import { DAY_MS, type Segment, type Window } from './dataset';
import type { PreparedDataset } from './prepare';
import { ACTIVE_USER_METRICS, computeReport, type Metrics } from './report';
import type { Settings } from './settings';

export type Interval = 'day' | 'week';

/** Metrics that have one number per window, so they can be drawn as a trend. */
export const SERIES_METRICS = [
  'ticket_after_portal_rate',
  'session_deflection_rate',
  'self_service_resolution_rate',
  'self_service_score',
  'deflected_tickets_vs_baseline',
  'search_success_rate',
  'zero_result_rate',
  'dau',
  'wau',
  'mau',
  'active_account_share',
  'return_visit_rate',
  'median_session_minutes',
  'mobile_share',
  'fcr',
  'zero_touch_tickets',
  'reopen_rate',
  'csat',
  'median_first_reply_minutes',
  'median_full_resolution_minutes',
  'escalation_rate',
  'repeat_request_rate',
  'predicted_csat',
] as const satisfies readonly (keyof Metrics)[];

export type SeriesMetric = (typeof SERIES_METRICS)[number];

export interface SeriesPoint {
  /** The point's own window [from, to), ISO; the first and last are clipped to the requested window. */
  from: string;
  to: string;
  value: number | null;
  /** Present for rates. */
  numerator?: number;
  denominator?: number;
  /** The period is not over yet as of the data: draw it differently. */
  in_progress: boolean;
}

export interface Series {
  metric: SeriesMetric;
  interval: Interval;
  window: { from: string; to: string };
  data_as_of: string | null;
  points: SeriesPoint[];
}

export function isSeriesMetric(key: string): key is SeriesMetric {
  return (SERIES_METRICS as readonly string[]).includes(key);
}

export interface Bucket extends Window {
  /** End of the whole day or week, before clipping to the window. */
  periodEnd: number;
}

/** UTC days, or ISO weeks starting Monday 00:00 UTC, covering the window, clipped to it. */
export function bucketWindows(window: Window, interval: Interval): Bucket[] {
  const out: Bucket[] = [];
  const dayStart = Math.floor(window.from / DAY_MS) * DAY_MS;
  let start = dayStart;
  if (interval === 'week') {
    const weekday = (new Date(dayStart).getUTCDay() + 6) % 7; // Monday = 0
    start = dayStart - weekday * DAY_MS;
  }
  const step = interval === 'week' ? 7 * DAY_MS : DAY_MS;
  for (let s = start; s < window.to; s += step)
    out.push({ from: Math.max(s, window.from), to: Math.min(s + step, window.to), periodEnd: s + step });
  return out;
}

function pointValue(
  m: Metrics,
  metric: SeriesMetric,
): Pick<SeriesPoint, 'value' | 'numerator' | 'denominator'> {
  const v = m[metric];
  if (typeof v === 'number' || v === null) return { value: v };
  if ('numerator' in v) return { value: v.value, numerator: v.numerator, denominator: v.denominator };
  if ('days_in_window' in v) return { value: v.value };
  return { value: v.status === 'ok' ? v.value : null };
}

/** The report of every bucket of a window: computed once, then any metric's trend is read from it. */
export interface BucketReports {
  window: Window;
  interval: Interval;
  dataAsOf: number | null;
  /** Whether the bucket reports hold the active-user metrics (see ReportOptions). */
  hasActiveUsers: boolean;
  buckets: { bucket: Bucket; metrics: Metrics }[];
}

export function computeBucketReports(
  prepared: PreparedDataset,
  window: Window,
  interval: Interval,
  settings: Settings,
  segment: Segment = {},
  options: { activeUsers: boolean } = { activeUsers: true },
): BucketReports {
  return {
    window,
    interval,
    dataAsOf: prepared.dataAsOf,
    hasActiveUsers: options.activeUsers,
    buckets: bucketWindows(window, interval).map((bucket) => ({
      bucket,
      metrics: computeReport(prepared, bucket, settings, segment, options).metrics,
    })),
  };
}

/** Whether a metric's trend needs bucket reports with the active-user metrics. */
export function needsActiveUsers(metric: SeriesMetric): boolean {
  return (ACTIVE_USER_METRICS as readonly string[]).includes(metric);
}

/**
 * A trend of one metric: the metric computed with its own definition on each day or week.
 * A point is in progress when its period ends after the data's newest timestamp.
 */
export function seriesOf(reports: BucketReports, metric: SeriesMetric): Series {
  if (needsActiveUsers(metric) && !reports.hasActiveUsers)
    throw new Error(`the bucket reports were computed without active users, which ${metric} needs`);
  const { window, interval, dataAsOf: asOf } = reports;
  return {
    metric,
    interval,
    window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() },
    data_as_of: asOf === null ? null : new Date(asOf).toISOString(),
    points: reports.buckets.map(({ bucket: w, metrics }) => ({
      from: new Date(w.from).toISOString(),
      to: new Date(w.to).toISOString(),
      ...pointValue(metrics, metric),
      in_progress: asOf === null || w.periodEnd > asOf + 1,
    })),
  };
}

export function computeSeries(
  prepared: PreparedDataset,
  metric: SeriesMetric,
  window: Window,
  interval: Interval,
  settings: Settings,
  segment: Segment = {},
): Series {
  const activeUsers = needsActiveUsers(metric);
  return seriesOf(
    computeBucketReports(prepared, window, interval, settings, segment, { activeUsers }),
    metric,
  );
}
