import { z } from 'zod';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import { HttpError } from './http/errors';

const rate = z.number().min(0).max(1).nullable();
const money = z.number().min(0).finite();
const epochMs = z.number().int().min(0);

export const settingsSchema = z.strictObject({
  session_gap_minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  ticket_after_portal_hours: z
    .number()
    .min(0)
    .max(24 * 30),
  portal_launch_date: epochMs.nullable(),
  baseline: z
    .strictObject({
      tickets_per_day: z.number().min(0).nullable(),
      from: epochMs.nullable(),
      to: epochMs.nullable(),
    })
    .refine((b) => b.from === null || b.to === null || b.from < b.to, {
      message: 'from must be before to',
      path: ['from'],
    }),
  targets: z.strictObject({
    ticket_after_portal_rate: rate,
    session_deflection_rate: rate,
    self_service_resolution_rate: rate,
    self_service_score: z.number().min(0).nullable(),
    fcr: rate,
    csat: rate,
  }),
  roi: z.strictObject({
    cost_per_ticket: money,
    subscription_per_month: money,
    implementation_cost: money,
    yearly_management_cost: money,
    hours_saved_per_week: z.number().min(0).max(168),
    hourly_rate: money,
  }),
  health_window_days: z.number().int().min(1).max(365),
  health_weights: z
    .strictObject({
      csat: z.number().min(0),
      volume_trend: z.number().min(0),
      sentiment: z.number().min(0),
      fcr_reopens: z.number().min(0),
      resolution_time: z.number().min(0),
      backlog: z.number().min(0),
      portal_engagement: z.number().min(0),
    })
    .refine((w) => Object.values(w).some((v) => v > 0), { message: 'at least one weight must be above 0' }),
  content_gaps_limit: z.number().int().min(1).max(500),
}) satisfies z.ZodType<Settings>;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A partial update merges into the current settings object by object; arrays and scalars replace. */
export function mergeSettings(current: unknown, patch: unknown): unknown {
  if (!isPlainObject(current) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) out[k] = mergeSettings(current[k], v);
  return out;
}

/** Validates a whole settings object; the error names the first offending field by its dotted path. */
export function parseSettings(value: unknown): Settings {
  const result = settingsSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const field = [...issue.path, ...keys.slice(0, 1)].map(String).join('.') || 'settings';
  const message = issue.code === 'unrecognized_keys' ? 'is not a known setting' : issue.message;
  throw new HttpError(400, 'invalid_settings', `${field}: ${message}`, field);
}

/** Stored settings may predate a new field: fill gaps from the defaults. */
export function withDefaults(stored: Json | undefined): Settings {
  const merged = mergeSettings(structuredClone(DEFAULT_SETTINGS), stored ?? {});
  const result = settingsSchema.safeParse(merged);
  return result.success ? result.data : structuredClone(DEFAULT_SETTINGS);
}
