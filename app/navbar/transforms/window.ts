/** The period the page shows: a preset ending at the newest data, or a custom range of whole UTC days. */

const DAY = 86_400_000;

export const PRESETS = ['7d', '30d', '90d', '365d'] as const;
export type Preset = (typeof PRESETS)[number];

const PRESET_DAYS: Record<Preset, number> = { '7d': 7, '30d': 30, '90d': 90, '365d': 365 };

/** Half-open [from, to) in epoch ms. */
export interface Period {
  from: number;
  to: number;
}

export type WindowChoice = { kind: 'preset'; preset: Preset } | { kind: 'custom'; from: string; to: string };

/** The end of the UTC day holding `ms`: presets end there so "today so far" is included. */
export function dayEnd(ms: number): number {
  return Math.floor(ms / DAY) * DAY + DAY;
}

/** `YYYY-MM-DD` → epoch ms of that UTC midnight; a clear error for anything else. */
export function parseDay(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`"${day}" is not a date (YYYY-MM-DD)`);
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day)
    throw new Error(`"${day}" is not a calendar date`);
  return ms;
}

export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The window of a choice. Presets end at `anchor` (the end of the newest data's day); a custom
 * range includes its last day. Throws when a custom range ends before it starts.
 */
export function resolveWindow(choice: WindowChoice, anchor: number): Period {
  if (choice.kind === 'preset') return { from: anchor - PRESET_DAYS[choice.preset] * DAY, to: anchor };
  const from = parseDay(choice.from);
  const to = parseDay(choice.to) + DAY;
  if (to <= from) throw new Error(`the range ends (${choice.to}) before it starts (${choice.from})`);
  return { from, to };
}

/** The same length just before, as the backend's `previous` comparison uses. */
export function previousPeriod(p: Period): Period {
  return { from: p.from - (p.to - p.from), to: p.from };
}

/** Daily points up to ~3 months; weekly beyond, so a chart keeps readable bars and a cheap request. */
export function intervalFor(p: Period): 'day' | 'week' {
  return p.to - p.from <= 92 * DAY ? 'day' : 'week';
}

export function periodQuery(p: Period): { from: string; to: string } {
  return { from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString() };
}
