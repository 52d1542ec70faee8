import { HttpError } from './errors';
import type { Segment, Window } from '../engine';
import { CHANNELS, DEVICES, type Channel, type Device } from '../../core/records';

const DAY = 86_400_000;
/** Longer windows are refused: they would cost seconds of CPU for a chart nobody reads. */
export const MAX_WINDOW_DAYS = 3 * 366;

/** Accepts a date (2026-01-31, UTC midnight) or a full ISO 8601 time with zone. */
export function parseTime(field: string, value: string): number {
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
  const t = iso.test(value) ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value) : NaN;
  if (Number.isNaN(t)) {
    throw new HttpError(
      400,
      'invalid_request',
      `${field} must be an ISO 8601 date or time, got "${value}"`,
      field,
    );
  }
  return t;
}

export function parseWindow(q: { from: string; to: string }): Window {
  const from = parseTime('from', q.from);
  const to = parseTime('to', q.to);
  if (from >= to) throw new HttpError(400, 'invalid_request', 'from must be before to', 'from');
  if (to - from > MAX_WINDOW_DAYS * DAY) {
    throw new HttpError(400, 'invalid_request', `the window may span at most ${MAX_WINDOW_DAYS} days`, 'to');
  }
  return { from, to };
}

/** The window of the same length just before `w`. */
export const previousWindow = (w: Window): Window => ({ from: w.from - (w.to - w.from), to: w.from });

export interface SegmentQuery {
  account?: string;
  account_tag?: string;
  channel?: string;
  device?: string;
}

/** Segment parameters combine with AND, as the engine's segments do. */
export function parseSegment(q: SegmentQuery): Segment {
  const segment: Segment = {};
  if (q.account !== undefined) segment.account_id = q.account;
  if (q.account_tag !== undefined) segment.account_tag = q.account_tag;
  if (q.channel !== undefined) {
    if (!CHANNELS.includes(q.channel as Channel)) {
      throw new HttpError(400, 'invalid_request', `channel must be one of ${CHANNELS.join(', ')}`, 'channel');
    }
    segment.channel = q.channel as Channel;
  }
  if (q.device !== undefined) {
    if (!DEVICES.includes(q.device as Device)) {
      throw new HttpError(400, 'invalid_request', `device must be one of ${DEVICES.join(', ')}`, 'device');
    }
    segment.device = q.device as Device;
  }
  return segment;
}

export const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
export const windowJson = (w: Window) => ({ from: iso(w.from)!, to: iso(w.to)! });
export const segmentKey = (s: Segment) =>
  [s.account_id, s.account_tag, s.channel, s.device]
    .map((v) => (v === undefined ? '' : encodeURIComponent(v)))
    .join('|');
