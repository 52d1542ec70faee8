import type { HealthWeights, Settings, Targets } from '../../../src/core/settings';
import { FACTOR_KEYS } from '../../../src/core/health/types';
import { formatDay, parseDay } from './window';

export const TARGET_KEYS = [
  'ticket_after_portal_rate',
  'session_deflection_rate',
  'self_service_resolution_rate',
  'self_service_score',
  'fcr',
  'csat',
] as const satisfies ReadonlyArray<keyof Targets>;

/** The health weights the form edits: one per factor. */
export const WEIGHT_KEYS = FACTOR_KEYS;

/** What the admin form edits, as typed text: targets in % (the score as a ratio), dates as days. */
export interface SettingsForm {
  targets: Record<keyof Targets, string>;
  weights: Record<keyof HealthWeights, string>;
  baseline_tickets_per_day: string;
  baseline_from: string;
  baseline_to: string;
  portal_launch_date: string;
}

/** Targets of shares are typed in %, the self-service score is a ratio. */
const isPercent = (k: keyof Targets) => k !== 'self_service_score';

const day = (ms: number | null) => (ms === null ? '' : formatDay(ms));

export function formFromSettings(s: Settings): SettingsForm {
  const targets = {} as SettingsForm['targets'];
  for (const k of TARGET_KEYS) {
    const v = s.targets[k];
    targets[k] = v === null ? '' : String(isPercent(k) ? Math.round(v * 10000) / 100 : v);
  }
  const weights = {} as SettingsForm['weights'];
  for (const k of WEIGHT_KEYS) weights[k] = String(s.health_weights[k]);
  return {
    targets,
    weights,
    baseline_tickets_per_day: s.baseline.tickets_per_day === null ? '' : String(s.baseline.tickets_per_day),
    baseline_from: day(s.baseline.from),
    baseline_to: day(s.baseline.to),
    portal_launch_date: day(s.portal_launch_date),
  };
}

function optionalNumber(text: string, field: string, max = Infinity): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > max)
    throw new Error(`${field} must be a number from 0 to ${max} (got "${text}")`);
  return n;
}

const optionalDay = (text: string) => (text.trim() === '' ? null : parseDay(text.trim()));

/** The settings patch the form means; throws naming the first bad field. */
export function patchFromForm(
  f: SettingsForm,
): Pick<Settings, 'targets' | 'health_weights' | 'baseline' | 'portal_launch_date'> {
  const targets = {} as Targets;
  for (const k of TARGET_KEYS) {
    const v = optionalNumber(f.targets[k], `targets.${k}`, isPercent(k) ? 100 : Infinity);
    targets[k] = v === null ? null : isPercent(k) ? v / 100 : v;
  }
  const weights = {} as HealthWeights;
  for (const k of WEIGHT_KEYS) {
    const v = optionalNumber(f.weights[k], `health_weights.${k}`);
    if (v === null) throw new Error(`health_weights.${k} is required`);
    weights[k] = v;
  }
  const from = optionalDay(f.baseline_from);
  const to = optionalDay(f.baseline_to);
  if ((from === null) !== (to === null)) throw new Error('the baseline period needs both a start and an end');
  if (from !== null && to !== null && to <= from)
    throw new Error('the baseline period must end after it starts');
  return {
    targets,
    health_weights: weights,
    baseline: {
      tickets_per_day: optionalNumber(f.baseline_tickets_per_day, 'baseline.tickets_per_day'),
      from,
      to,
    },
    portal_launch_date: optionalDay(f.portal_launch_date),
  };
}
