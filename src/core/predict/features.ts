/**
 * What the predicted-CSAT model sees of a ticket (METRICS.md "Predictive CSAT"): its replies,
 * reopens, group hops, waits, channel, priority and text sentiment. Waits enter as logs
 * because an hour more matters after ten minutes, not after a week.
 */
import type { Channel, Priority, Ticket } from '../records';

export const FEATURES = [
  'sentiment',
  'negative_sentiment',
  'extra_replies',
  'reopens',
  'group_hops',
  'log_first_reply_hours',
  'no_first_reply',
  'log_resolution_days',
  'channel_email',
  'channel_chat',
  'channel_voice',
  'channel_api',
  'channel_other',
  'priority_low',
  'priority_high',
  'priority_urgent',
] as const;

export const FEATURE_COUNT = FEATURES.length;
/** Index of the resolution feature, which an unsolved ticket does not have yet. */
export const RESOLUTION = FEATURES.indexOf('log_resolution_days');

const CHANNEL_FEATURE: Record<Channel, number> = {
  web: -1,
  email: FEATURES.indexOf('channel_email'),
  chat: FEATURES.indexOf('channel_chat'),
  voice: FEATURES.indexOf('channel_voice'),
  api: FEATURES.indexOf('channel_api'),
  other: FEATURES.indexOf('channel_other'),
};
const PRIORITY_FEATURE: Record<Priority, number> = {
  low: FEATURES.indexOf('priority_low'),
  normal: -1,
  high: FEATURES.indexOf('priority_high'),
  urgent: FEATURES.indexOf('priority_urgent'),
};

/**
 * Writes the ticket's features to out[offset …]; the resolution is NaN while unsolved.
 * `sentiment` is the ticket's text sentiment in [-1, 1].
 */
export function ticketFeatures(t: Ticket, sentiment: number, out: Float64Array, offset: number): void {
  for (let j = 0; j < FEATURE_COUNT; j++) out[offset + j] = 0;
  out[offset] = sentiment;
  // Angry text hurts more than friendly text helps.
  out[offset + 1] = Math.min(0, sentiment);
  out[offset + 2] = Math.max(0, t.agent_replies - 1);
  out[offset + 3] = t.reopens;
  out[offset + 4] = Math.max(0, t.group_stations - 1);
  if (t.first_reply_minutes === null) out[offset + 6] = 1;
  else out[offset + 5] = Math.log1p(t.first_reply_minutes / 60);
  // Without the helpdesk's resolution time, a solved ticket's own timestamps tell it.
  const resolution =
    t.full_resolution_minutes ?? (t.solved_at === null ? NaN : (t.solved_at - t.created_at) / 60_000);
  out[offset + RESOLUTION] = Math.log1p(Math.max(0, resolution) / 1440);
  const c = CHANNEL_FEATURE[t.channel];
  if (c >= 0) out[offset + c] = 1;
  const p = PRIORITY_FEATURE[t.priority];
  if (p >= 0) out[offset + p] = 1;
}
