import { DAY_MS, MINUTE_MS, rate, type Rate, type Segment, type Window } from './dataset';
import {
  FOLLOWED,
  HELP_SEEKING,
  lowerBound,
  SAT_BAD,
  SAT_GOOD,
  type PredictedCsatModelInfo,
  type PreparedDataset,
  type TicketColumns,
} from './prepare';
import type { CalibrationBin } from './predict/calibration';
import { CHANNELS, DEVICES, PORTAL_EVENT_TYPES, type PortalEventType } from './records';
import type { Settings } from './settings';
import { medianInPlace } from './stats';

export interface ContentGap {
  query: string;
  /** Searches with this normalized query that had zero results or were followed by a ticket. */
  count: number;
}

export interface DeflectedTickets {
  /** max(0, baseline per day × days − tickets created); null when there is no baseline. */
  value: number | null;
  baseline_tickets_per_day: number | null;
  /** Where the baseline came from. */
  baseline_source: 'explicit' | 'period' | 'launch_date' | 'none';
  days_in_window: number;
  tickets_created: number;
}

export type PredictedCsat =
  | {
      status: 'ok';
      value: number | null;
      tickets: number;
      auc: number;
      trained_on: number;
      held_out: number;
      calibration: CalibrationBin[];
    }
  | { status: 'insufficient_data'; rated_tickets: number; needed: number }
  | { status: 'unavailable'; reason: string };

export interface Metrics {
  ticket_after_portal_rate: Rate;
  session_deflection_rate: Rate;
  self_service_resolution_rate: Rate;
  /** Distinct visitors / distinct requesters: a ratio that may exceed 1. */
  self_service_score: Rate;
  deflected_tickets_vs_baseline: DeflectedTickets;
  search_success_rate: Rate;
  zero_result_rate: Rate;
  content_gaps: ContentGap[];
  dau: number;
  wau: number;
  mau: number;
  active_account_share: Rate;
  return_visit_rate: Rate;
  feature_utilization: Record<PortalEventType, Rate>;
  median_session_minutes: number | null;
  mobile_share: Rate;
  fcr: Rate;
  /** Solved tickets with no agent reply / solved tickets (kept out of FCR). */
  zero_touch_tickets: Rate;
  reopen_rate: Rate;
  csat: Rate;
  median_first_reply_minutes: number | null;
  median_full_resolution_minutes: number | null;
  escalation_rate: Rate;
  repeat_request_rate: Rate;
  predicted_csat: PredictedCsat;
}

export interface Report {
  window: { from: string; to: string };
  data_as_of: string | null;
  segment: Segment;
  metrics: Metrics;
}

/** Every report key, in the order METRICS.md lists them. */
export const METRIC_KEYS = [
  'ticket_after_portal_rate',
  'session_deflection_rate',
  'self_service_resolution_rate',
  'self_service_score',
  'deflected_tickets_vs_baseline',
  'search_success_rate',
  'zero_result_rate',
  'content_gaps',
  'dau',
  'wau',
  'mau',
  'active_account_share',
  'return_visit_rate',
  'feature_utilization',
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

// Module-local copies: imported bindings are property reads on every use in hot loops.
const HELP = HELP_SEEKING;
const FOLLOWED_BIT = FOLLOWED;
const GOOD = SAT_GOOD;
const BAD = SAT_BAD;
const MINUTE = MINUTE_MS;
const MOBILE = DEVICES.indexOf('mobile');
const SEEN = 0x80;
const TWICE = 0x100;
const TYPE_BITS = 0x7f;

interface Filter {
  /** Per account index: 1 when in the segment; null when the segment has no account condition. */
  accounts: Uint8Array | null;
  channel: number;
  device: number;
}

function makeFilter(p: PreparedDataset, segment: Segment): Filter {
  let accounts: Uint8Array | null = null;
  if (segment.account_id !== undefined || segment.account_tag !== undefined) {
    accounts = new Uint8Array(p.accountIndex.size);
    const byId = segment.account_id !== undefined ? p.accountIndex.get(segment.account_id) : undefined;
    const tagged =
      segment.account_tag !== undefined ? (p.accountsByTag.get(segment.account_tag) ?? []) : null;
    if (tagged === null) {
      if (byId !== undefined) accounts[byId] = 1;
    } else {
      for (const i of tagged) if (segment.account_id === undefined || i === byId) accounts[i] = 1;
    }
  }
  return {
    accounts,
    channel: segment.channel !== undefined ? CHANNELS.indexOf(segment.channel) : -1,
    device: segment.device !== undefined ? DEVICES.indexOf(segment.device) : -1,
  };
}

function ticketIn(c: TicketColumns, i: number, f: Filter): boolean {
  if (f.channel >= 0 && c.channel[i] !== f.channel) return false;
  if (f.accounts !== null) {
    const a = c.account[i] as number;
    if (a < 0 || f.accounts[a] !== 1) return false;
  }
  return true;
}

function sessionIn(p: PreparedDataset, i: number, f: Filter): boolean {
  if (f.device >= 0 && p.sessDevice[i] !== f.device) return false;
  if (f.accounts !== null) {
    const a = p.sessAccount[i] as number;
    if (a < 0 || f.accounts[a] !== 1) return false;
  }
  return true;
}

/** The active-user metrics, which look back 1/7/30 days from the window's end. */
export const ACTIVE_USER_METRICS = ['dau', 'wau', 'mau', 'active_account_share'] as const;

export interface ReportOptions {
  /**
   * Compute DAU/WAU/MAU and active account share (default true). Their 30-day look-back is
   * most of a one-day report's cost, so a trend of another metric skips it; they are then 0.
   */
  activeUsers?: boolean;
}

/** All report keys of METRICS.md for one window and segment. */
export function computeReport(
  prepared: PreparedDataset,
  window: Window,
  settings: Settings,
  segment: Segment = {},
  options: ReportOptions = {},
): Report {
  const p = prepared;
  const f = makeFilter(p, segment);
  const { from, to } = window;

  // Sessions starting in the window.
  const s0 = lowerBound(p.sessStart, from);
  const s1 = lowerBound(p.sessStart, to);
  const allSessions = f.device < 0 && f.accounts === null;
  let sessions = 0;
  let helpSeeking = 0;
  let followed = 0;
  let searches = 0;
  let searchSuccess = 0;
  let zeroResult = 0;
  let mobile = 0;
  let visitors = 0;
  let returning = 0;
  const typeVisitors = new Int32Array(PORTAL_EVENT_TYPES.length);
  // Per visitor: bit 7 = seen in the window, bit 8 = seen twice, bits 0-6 = event types produced.
  const seen = new Uint16Array(p.visitorCount);
  // Without a segment the median comes from the prepared index instead.
  const durations = new Float64Array(allSessions ? 0 : s1 - s0);
  const gapCounts = new Int32Array(p.gapQueries.length);
  const gapsSeen: number[] = [];
  // Columns in locals: the loops then read typed arrays only (no property loads per session).
  const { sessFlags, sessVisitor, sessTypes, sessStart, sessEnd, sessDevice, sessGapStart, sessGapQuery } = p;
  const { sessSearches, sessSearchSuccess, sessZeroResult } = p;
  for (let i = s0; i < s1; i++) {
    if (!allSessions && !sessionIn(p, i, f)) continue;
    const v = sessVisitor[i] as number;
    const had = seen[v] as number;
    const now = had | (had & SEEN ? TWICE : SEEN) | (sessTypes[i] as number);
    if (now !== had) {
      seen[v] = now;
      if (!(had & SEEN)) visitors++;
      else if (!(had & TWICE)) returning++;
      // Event types this visitor shows for the first time in the window.
      for (let t = 0, added = now & ~had & TYPE_BITS; added !== 0; t++, added >>= 1)
        if (added & 1) typeVisitors[t] = (typeVisitors[t] as number) + 1;
    }
  }
  const countGaps = (k0: number, k1: number): void => {
    for (let k = k0; k < k1; k++) {
      const q = sessGapQuery[k] as number;
      if (gapCounts[q] === 0) gapsSeen.push(q);
      gapCounts[q] = (gapCounts[q] as number) + 1;
    }
  };
  if (allSessions) {
    const t = p.sessTotals;
    sessions = s1 - s0;
    mobile = (t.mobile[s1] as number) - (t.mobile[s0] as number);
    helpSeeking = (t.helpSeeking[s1] as number) - (t.helpSeeking[s0] as number);
    followed = (t.followed[s1] as number) - (t.followed[s0] as number);
    searches = (t.searches[s1] as number) - (t.searches[s0] as number);
    searchSuccess = (t.searchSuccess[s1] as number) - (t.searchSuccess[s0] as number);
    zeroResult = (t.zeroResult[s1] as number) - (t.zeroResult[s0] as number);
    countGaps(sessGapStart[s0] as number, sessGapStart[s1] as number);
  } else {
    for (let i = s0; i < s1; i++) {
      if (!sessionIn(p, i, f)) continue;
      const flags = sessFlags[i] as number;
      durations[sessions] = ((sessEnd[i] as number) - (sessStart[i] as number)) / MINUTE;
      sessions++;
      if (sessDevice[i] === MOBILE) mobile++;
      if (flags & HELP) {
        helpSeeking++;
        if (flags & FOLLOWED_BIT) followed++;
      }
      searches += sessSearches[i] as number;
      searchSuccess += sessSearchSuccess[i] as number;
      zeroResult += sessZeroResult[i] as number;
      countGaps(sessGapStart[i] as number, sessGapStart[i + 1] as number);
    }
  }
  const deflected = helpSeeking - followed;

  // Tickets created in the window.
  const allTickets = f.channel < 0 && f.accounts === null;
  const c = p.created;
  const c0 = lowerBound(c.time, from);
  const c1 = lowerBound(c.time, to);
  let createdCount = 0;
  let escalated = 0;
  let repeat = 0;
  let requesters = 0;
  if (allTickets) {
    createdCount = c1 - c0;
    escalated = (p.createdTotals.escalated[c1] as number) - (p.createdTotals.escalated[c0] as number);
    repeat = (p.createdTotals.repeat[c1] as number) - (p.createdTotals.repeat[c0] as number);
    const prev = p.createdPrevSameRequester;
    for (let i = c0; i < c1; i++) if ((prev[i] as number) < c0) requesters++;
  } else {
    const requesterSeen = new Uint8Array(p.requesterCount);
    for (let i = c0; i < c1; i++) {
      if (!ticketIn(c, i, f)) continue;
      createdCount++;
      escalated += c.escalated[i] as number;
      repeat += c.repeat[i] as number;
      const r = c.requester[i] as number;
      if (requesterSeen[r] === 0) {
        requesterSeen[r] = 1;
        requesters++;
      }
    }
  }

  // Tickets solved in the window.
  const s = p.solved;
  const v0 = lowerBound(s.time, from);
  const v1 = lowerBound(s.time, to);
  let solved = 0;
  let touched = 0;
  let oneTouch = 0;
  let reopened = 0;
  let good = 0;
  let bad = 0;
  let predSum = 0;
  let firstN = 0;
  let fullN = 0;
  // Without a segment the medians come from the prepared indexes instead.
  const firstReply = new Float64Array(allTickets ? 0 : v1 - v0);
  const fullRes = new Float64Array(allTickets ? 0 : v1 - v0);
  const predictions = p.solvedPredictions;
  if (allTickets) {
    const t = p.solvedTotals;
    solved = v1 - v0;
    touched = (t.touched[v1] as number) - (t.touched[v0] as number);
    oneTouch = (t.oneTouch[v1] as number) - (t.oneTouch[v0] as number);
    reopened = (t.reopened[v1] as number) - (t.reopened[v0] as number);
    good = (t.good[v1] as number) - (t.good[v0] as number);
    bad = (t.bad[v1] as number) - (t.bad[v0] as number);
    // Summed in order rather than from running totals, so the float result is the segment loop's.
    if (predictions) for (let i = v0; i < v1; i++) predSum += predictions[i] as number;
  } else {
    for (let i = v0; i < v1; i++) {
      if (!ticketIn(s, i, f)) continue;
      solved++;
      const replies = s.replies[i] as number;
      const reopens = s.reopened[i] as number;
      if (replies >= 1) {
        touched++;
        if (replies === 1 && reopens === 0) oneTouch++;
      }
      reopened += reopens;
      const sat = s.satisfaction[i];
      if (sat === GOOD) good++;
      else if (sat === BAD) bad++;
      const fr = s.firstReply[i] as number;
      if (fr === fr) firstReply[firstN++] = fr;
      const fu = s.fullResolution[i] as number;
      if (fu === fu) fullRes[fullN++] = fu;
      if (predictions) predSum += predictions[i] as number;
    }
  }

  const adoption =
    options.activeUsers === false ? { dau: 0, wau: 0, mau: 0, activeAccounts: 0 } : activeUsers(p, f, to);
  const accountsInSegment = countSegmentAccounts(p, f);

  return {
    window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    data_as_of: p.dataAsOf === null ? null : new Date(p.dataAsOf).toISOString(),
    segment,
    metrics: {
      ticket_after_portal_rate: rate(followed, helpSeeking),
      session_deflection_rate: rate(deflected, helpSeeking),
      self_service_resolution_rate: rate(deflected, deflected + createdCount),
      self_service_score: rate(visitors, requesters),
      deflected_tickets_vs_baseline: deflectedVsBaseline(p, f, settings, window, createdCount),
      search_success_rate: rate(searchSuccess, searches),
      zero_result_rate: rate(zeroResult, searches),
      content_gaps: topGaps(p.gapQueries, gapCounts, gapsSeen, settings.content_gaps_limit),
      dau: adoption.dau,
      wau: adoption.wau,
      mau: adoption.mau,
      active_account_share: rate(adoption.activeAccounts, accountsInSegment),
      return_visit_rate: rate(returning, visitors),
      feature_utilization: Object.fromEntries(
        PORTAL_EVENT_TYPES.map((t, i) => [t, rate(typeVisitors[i] as number, visitors)]),
      ) as Record<PortalEventType, Rate>,
      median_session_minutes: allSessions ? p.sessMinutes.median(s0, s1) : medianInPlace(durations, sessions),
      mobile_share: rate(mobile, sessions),
      fcr: rate(oneTouch, touched),
      zero_touch_tickets: rate(solved - touched, solved),
      reopen_rate: rate(reopened, solved),
      csat: rate(good, good + bad),
      median_first_reply_minutes: allTickets
        ? p.solvedFirstReply.median(v0, v1)
        : medianInPlace(firstReply, firstN),
      median_full_resolution_minutes: allTickets
        ? p.solvedFullResolution.median(v0, v1)
        : medianInPlace(fullRes, fullN),
      escalation_rate: rate(escalated, createdCount),
      repeat_request_rate: rate(repeat, createdCount),
      predicted_csat: predicted(p.csatModel, p.solvedPredictions !== null, predSum, solved),
    },
  };
}

function predicted(
  model: PredictedCsatModelInfo,
  hasPredictions: boolean,
  sum: number,
  solved: number,
): PredictedCsat {
  if (model.status !== 'ok') return model;
  if (!hasPredictions) return { status: 'unavailable', reason: 'the model produced no predictions' };
  return {
    status: 'ok',
    value: solved === 0 ? null : sum / solved,
    tickets: solved,
    auc: model.auc,
    trained_on: model.trained_on,
    held_out: model.held_out,
    calibration: model.calibration,
  };
}

/**
 * DAU/WAU/MAU and active accounts: sessions with an event in [to − N days, to), whatever window
 * they started in. Only sessions that can reach that range (start ≥ range start − longest session)
 * are looked at, and only their events are scanned.
 */
function activeUsers(
  p: PreparedDataset,
  f: Filter,
  to: number,
): { dau: number; wau: number; mau: number; activeAccounts: number } {
  const dayStart = to - DAY_MS;
  const weekStart = to - 7 * DAY_MS;
  const monthStart = to - 30 * DAY_MS;
  const i0 = lowerBound(p.sessStart, monthStart - p.maxSessionMs);
  const i1 = lowerBound(p.sessStart, to);
  // Per visitor: bit 0 month, 1 week, 2 day; counted once each.
  const marks = new Uint8Array(p.visitorCount);
  const accountSeen = new Uint8Array(p.accounts.length);
  let dau = 0;
  let wau = 0;
  let mau = 0;
  let activeAccounts = 0;
  const all = f.device < 0 && f.accounts === null;
  const { sessEnd, sessVisitor, sessAccount } = p;
  const accountCount = p.accounts.length;
  for (let i = i0; i < i1; i++) {
    if ((sessEnd[i] as number) < monthStart || (!all && !sessionIn(p, i, f))) continue;
    // Latest event before `to`: the session is active in a range iff that event is in it. Only a
    // session running past `to` needs its events looked at.
    let last = sessEnd[i] as number;
    if (last >= to) {
      last = -Infinity;
      for (let k = p.sessFirst[i] as number; k <= (p.sessLast[i] as number); k++) {
        const t = p.eventTime[k] as number;
        if (t >= to) break;
        last = t;
      }
    }
    if (last < monthStart) continue;
    const v = sessVisitor[i] as number;
    const had = marks[v] as number;
    const now = had | 1 | (last >= weekStart ? 2 : 0) | (last >= dayStart ? 4 : 0);
    if (now !== had) {
      marks[v] = now;
      if (!(had & 1)) mau++;
      if (now & 2 && !(had & 2)) wau++;
      if (now & 4 && !(had & 4)) dau++;
    }
    const a = sessAccount[i] as number;
    if (a >= 0 && a < accountCount && accountSeen[a] === 0) {
      accountSeen[a] = 1;
      activeAccounts++;
    }
  }
  return { dau, wau, mau, activeAccounts };
}

/** Accounts of the tenant's account list that are in the segment. */
function countSegmentAccounts(p: PreparedDataset, f: Filter): number {
  if (f.accounts === null) return p.accounts.length;
  let n = 0;
  for (let i = 0; i < p.accounts.length; i++) n += f.accounts[i] as number;
  return n;
}

function topGaps(queries: string[], counts: Int32Array, seen: number[], limit: number): ContentGap[] {
  return seen
    .map((q) => ({ query: queries[q] as string, count: counts[q] as number }))
    .sort((a, b) => b.count - a.count || (a.query < b.query ? -1 : a.query > b.query ? 1 : 0))
    .slice(0, Math.max(0, limit));
}

/** Tickets per day in the baseline, from the explicit number, the stored period, or the 90 days before launch. */
export function baselinePerDay(
  p: PreparedDataset,
  settings: Settings,
  segment: Segment = {},
): { perDay: number | null; source: DeflectedTickets['baseline_source'] } {
  return baselineFor(p, makeFilter(p, segment), settings);
}

function baselineFor(
  p: PreparedDataset,
  f: Filter,
  settings: Settings,
): { perDay: number | null; source: DeflectedTickets['baseline_source'] } {
  const b = settings.baseline;
  if (b.tickets_per_day !== null) return { perDay: b.tickets_per_day, source: 'explicit' };
  let period: Window | null = null;
  let source: DeflectedTickets['baseline_source'] = 'none';
  if (b.from !== null && b.to !== null && b.to > b.from) {
    period = { from: b.from, to: b.to };
    source = 'period';
  } else if (settings.portal_launch_date !== null) {
    period = { from: settings.portal_launch_date - 90 * DAY_MS, to: settings.portal_launch_date };
    source = 'launch_date';
  }
  if (period === null) return { perDay: null, source };
  const c = p.created;
  const start = lowerBound(c.time, period.from);
  const end = lowerBound(c.time, period.to);
  let n = 0;
  if (f.channel < 0 && f.accounts === null) n = end - start;
  else for (let i = start; i < end; i++) if (ticketIn(c, i, f)) n++;
  return { perDay: n / ((period.to - period.from) / DAY_MS), source };
}

function deflectedVsBaseline(
  p: PreparedDataset,
  f: Filter,
  settings: Settings,
  window: Window,
  created: number,
): DeflectedTickets {
  const { perDay, source } = baselineFor(p, f, settings);
  const days = (window.to - window.from) / DAY_MS;
  return {
    value: perDay === null ? null : Math.max(0, perDay * days - created),
    baseline_tickets_per_day: perDay,
    baseline_source: source,
    days_in_window: days,
    tickets_created: created,
  };
}
