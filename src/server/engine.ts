import type { Segment, Window } from '../core/dataset';
import type { HealthBand, HealthFactor, HealthFactorKey } from '../core/health/types';
import type { Settings } from '../core/settings';
import type { TenantRecords } from './dataset/load-records';

export type { Segment, Window };

export type Interval = 'day' | 'week';

export type { HealthBand };

/** One account's health as the list shows it; `score` is null when no factor has data. */
export interface AccountHealthRow {
  account_id: string;
  name: string;
  tags: string[];
  score: number | null;
  band: HealthBand | null;
  factors: HealthFactor[];
  /** The factor that costs the most points. */
  top_factor?: HealthFactorKey | null;
  /** The weekly trend over the last 90 days is clearly falling. */
  falling?: boolean;
}

/**
 * What the API needs from the metric engine (src/core). The server never computes a metric itself:
 * this seam keeps every definition in core and core's internals out of the routes.
 */
export interface Engine<P> {
  prepare(records: TenantRecords, settings: Settings): P;
  /** The same report and keys as `portal-pulse metrics --json`. */
  report(prepared: P, window: Window, settings: Settings, segment: Segment): object;
  metricKeys: readonly string[];
  /** Newest timestamp in the prepared data (epoch ms), so health can be "as of" the data, not the clock. */
  dataAsOf?(prepared: P): number | null;
  series(
    prepared: P,
    metric: string,
    window: Window,
    interval: Interval,
    settings: Settings,
    segment: Segment,
  ): object;
  accountHealth(prepared: P, settings: Settings, asOf: number): AccountHealthRow[];
  /** Factors, trend and summary of one account, or null when the tenant has no such account. */
  accountDetail(prepared: P, settings: Settings, accountId: string, asOf: number): object | null;
}
