import type { SeriesPoint } from '../../../src/core/series';

/**
 * Columns for uPlot: x in seconds, the finished periods, the in-progress tail (drawn dashed, joined
 * to the last finished point so the line does not break), the target, and settings markers.
 */
export interface TrendData {
  xs: number[];
  done: Array<number | null>;
  inProgress: Array<number | null>;
  target: Array<number | null> | null;
}

export function trendData(points: SeriesPoint[], target: number | null): TrendData {
  const xs = points.map((p) => Date.parse(p.from) / 1000);
  const done = points.map((p) => (p.in_progress ? null : p.value));
  const inProgress: Array<number | null> = points.map((p) => (p.in_progress ? p.value : null));
  const firstOpen = points.findIndex((p) => p.in_progress);
  if (firstOpen > 0) inProgress[firstOpen - 1] = done[firstOpen - 1] ?? null;
  return { xs, done, inProgress, target: target === null ? null : points.map(() => target) };
}

/** Settings events (portal launch, baseline edges) inside the chart's range, in seconds. */
export function markersWithin(
  events: Array<{ at: number; label: string }>,
  from: number,
  to: number,
): Array<{ x: number; label: string }> {
  return events.filter((e) => e.at >= from && e.at < to).map((e) => ({ x: e.at / 1000, label: e.label }));
}
