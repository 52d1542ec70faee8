/**
 * The shape of an account's health (../shared/METRICS.md, "Account health"): what the engine
 * returns, the API serves and the sidebars draw. Kept apart from the computation so the app can
 * import the types without the engine.
 */
import type { HealthWeights } from '../settings';
import type { Rate } from '../dataset';

export type HealthBand = 'healthy' | 'watch' | 'at_risk';

export type HealthFactorKey = keyof HealthWeights;

/** The factors in the order METRICS.md lists them; the order scores, tables and forms use. */
export const FACTOR_KEYS = [
  'csat',
  'volume_trend',
  'sentiment',
  'fcr_reopens',
  'resolution_time',
  'backlog',
  'portal_engagement',
] as const satisfies readonly HealthFactorKey[];

/** How a factor's raw figures read, so the UI can word "CSAT 62 %, tenant typical 85 %". */
export type FactorUnit = 'rate' | 'minutes' | 'tickets_per_day' | 'count' | 'sentiment';

export interface HealthFactor {
  key: HealthFactorKey;
  /** Factor score in [0, 1]; null when the account has no data for it (then it drops out). */
  value: number | null;
  /** The weight from settings (before renormalization). */
  weight: number;
  /** Points this factor adds to the score; the points of all factors add up to the score. */
  points: number;
  /** The account's own figure behind the factor, in `unit`; null when unknown. */
  account_figure: number | null;
  /** The tenant's typical figure it is compared with, in `unit`; null when unknown. */
  tenant_figure: number | null;
  unit: FactorUnit;
}

export interface AccountHealth {
  account_id: string;
  /** 0–100, or null when no factor has data. */
  score: number | null;
  band: HealthBand | null;
  factors: HealthFactor[];
  /** The factor that costs the most points (weight × (1 − value)), for "top factor" columns. */
  top_factor: HealthFactorKey | null;
}

/** One point of an account's health trend (the sparkline). */
export interface HealthTrendPoint {
  /** The as-of time of this point, ISO 8601 UTC. */
  at: string;
  score: number | null;
}

/** Figures an agent reads at a glance beside the ticket. */
export interface AccountKeyFigures {
  open_tickets: number;
  urgent_open_tickets: number;
  /** Age in days of the oldest unsolved ticket, null when none is open. */
  oldest_open_days: number | null;
  csat: Rate;
  /** Mean P(good) over the account's solved tickets in the health window; null without a model. */
  predicted_csat: number | null;
  fcr: Rate;
  ticket_after_portal_rate: Rate;
  /** Distinct portal visitors of the account in the last 30 days. */
  active_portal_users: number;
  /** Tickets created in the health window. */
  tickets_in_window: number;
  /** The account's own baseline for the same length: its tickets per day in the 90 days before × window days. */
  baseline_tickets: number | null;
}

/** A few plain sentences on what changed in the account's recent tickets (extractive, offline). */
export interface ActivitySummary {
  sentences: string[];
}

/** An account's weekly health over the last 90 days and whether it is clearly falling. */
export interface AccountTrend {
  points: HealthTrendPoint[];
  /** Least-squares slope of the scores in points per week; null with fewer than 4 scored weeks. */
  slope_per_week: number | null;
  /** The slope is at or below −FALLING_SLOPE points a week. */
  falling: boolean;
}
