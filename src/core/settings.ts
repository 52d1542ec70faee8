/**
 * Every choice METRICS.md leaves open, with the default it names. Settings are stored per tenant
 * by the backend and edited by admins; the engine only reads them.
 */

export interface HealthWeights {
  csat: number;
  volume_trend: number;
  sentiment: number;
  fcr_reopens: number;
  resolution_time: number;
  backlog: number;
  portal_engagement: number;
}

export interface Baseline {
  /** An explicit number wins over the stored period. */
  tickets_per_day: number | null;
  /** Stored period [from, to) in epoch ms; when null, the 90 days before `portal_launch_date`. */
  from: number | null;
  to: number | null;
}

export interface Targets {
  ticket_after_portal_rate: number | null;
  session_deflection_rate: number | null;
  self_service_resolution_rate: number | null;
  self_service_score: number | null;
  fcr: number | null;
  csat: number | null;
}

export interface RoiInputs {
  cost_per_ticket: number;
  subscription_per_month: number;
  implementation_cost: number;
  yearly_management_cost: number;
  hours_saved_per_week: number;
  hourly_rate: number;
}

export interface Settings {
  session_gap_minutes: number;
  ticket_after_portal_hours: number;
  /** Epoch ms of the portal launch; anchors the default baseline period. */
  portal_launch_date: number | null;
  baseline: Baseline;
  targets: Targets;
  roi: RoiInputs;
  health_window_days: number;
  health_weights: HealthWeights;
  content_gaps_limit: number;
}

export const DEFAULT_SETTINGS: Settings = {
  session_gap_minutes: 30,
  ticket_after_portal_hours: 24,
  portal_launch_date: null,
  baseline: { tickets_per_day: null, from: null, to: null },
  targets: {
    ticket_after_portal_rate: null,
    session_deflection_rate: null,
    self_service_resolution_rate: null,
    self_service_score: null,
    fcr: null,
    csat: null,
  },
  roi: {
    cost_per_ticket: 15,
    subscription_per_month: 0,
    implementation_cost: 0,
    yearly_management_cost: 0,
    hours_saved_per_week: 0,
    hourly_rate: 0,
  },
  health_window_days: 30,
  health_weights: {
    csat: 25,
    volume_trend: 15,
    sentiment: 15,
    fcr_reopens: 10,
    resolution_time: 10,
    backlog: 10,
    portal_engagement: 15,
  },
  content_gaps_limit: 20,
};
