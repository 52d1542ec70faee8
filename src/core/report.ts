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
  const sess = sessionTally(p, f, lowerBound(p.sessStart, from), lowerBound(p.sessStart, to));
  const created = createdTally(p, f, lowerBound(p.created.time, from), lowerBound(p.created.time, to));
  const solved = solvedTally(p, f, lowerBound(p.solved.time, from), lowerBound(p.solved.time, to));
  const deflected = sess.helpSeeking - sess.followed;
  const adoption =
    options.activeUsers === false ? { dau: 0, wau: 0, mau: 0, activeAccounts: 0 } : activeUsers(p, f, to);

  return {
    window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    data_as_of: p.dataAsOf === null ? null : new Date(p.dataAsOf).toISOString(),
    segment,
    metrics: {
      ticket_after_portal_rate: rate(sess.followed, sess.helpSeeking),
      session_deflection_rate: rate(deflected, sess.helpSeeking),
      self_service_resolution_rate: rate(deflected, deflected + created.count),
      self_service_score: rate(sess.visitors, created.requesters),
      deflected_tickets_vs_baseline: deflectedVsBaseline(p, f, settings, window, created.count),
      search_success_rate: rate(sess.searchSuccess, sess.searches),
      zero_result_rate: rate(sess.zeroResult, sess.searches),
      content_gaps: topGaps(p.gapQueries, sess.gapCounts, sess.gapsSeen, settings.content_gaps_limit),
      dau: adoption.dau,
      wau: adoption.wau,
      mau: adoption.mau,
      active_account_share: rate(adoption.activeAccounts, countSegmentAccounts(p, f)),
      return_visit_rate: rate(sess.returning, sess.visitors),
      feature_utilization: Object.fromEntries(
        PORTAL_EVENT_TYPES.map((t, i) => [t, rate(sess.typeVisitors[i] as number, sess.visitors)]),
      ) as Record<PortalEventType, Rate>,
      median_session_minutes: sess.medianMinutes,
      mobile_share: rate(sess.mobile, sess.sessions),
      fcr: rate(solved.oneTouch, solved.touched),
      zero_touch_tickets: rate(solved.count - solved.touched, solved.count),
      reopen_rate: rate(solved.reopened, solved.count),
      csat: rate(solved.good, solved.good + solved.bad),
      median_first_reply_minutes: solved.medianFirstReply,
      median_full_resolution_minutes: solved.medianFullResolution,
      escalation_rate: rate(created.escalated, created.count),
      repeat_request_rate: rate(created.repeat, created.count),
      predicted_csat: predicted(p.csatModel, p.solvedPredictions !== null, solved.predSum, solved.count),
    },
  };
}

/*
 * The scans below are separate small functions on purpose: V8 then optimizes each loop as a
 * whole function. Inlined into one large function they were compiled on-stack and thrown away
 * again on every call (code after a loop lacked type feedback), which made a 90-day report ~4×
 * slower.
 */

interface SessionTally {
  sessions: number;
  helpSeeking: number;
  followed: number;
  searches: number;
  searchSuccess: number;
  zeroResult: number;
  mobile: number;
  visitors: number;
  returning: number;
  /** Per portal event type: visitors who produced it. */
  typeVisitors: Int32Array;
  gapCounts: Int32Array;
  gapsSeen: number[];
  medianMinutes: number | null;
}

/** Sessions starting in [s0, s1): counts, distinct visitors, content gaps and the median length. */
function sessionTally(p: PreparedDataset, f: Filter, s0: number, s1: number): SessionTally {
  const all = f.device < 0 && f.accounts === null;
  const t: SessionTally = {
    sessions: 0,
    helpSeeking: 0,
    followed: 0,
    searches: 0,
    searchSuccess: 0,
    zeroResult: 0,
    mobile: 0,
    visitors: 0,
    returning: 0,
    typeVisitors: new Int32Array(PORTAL_EVENT_TYPES.length),
    gapCounts: new Int32Array(p.gapQueries.length),
    gapsSeen: [],
    medianMinutes: null,
  };
  const { visitors, returning } = all
    ? tallyVisitors(p.sessVisitor, p.sessTypes, s0, s1, p.visitorCount, t.typeVisitors)
    : tallySegmentVisitors(p, f, s0, s1, t.typeVisitors);
  t.visitors = visitors;
  t.returning = returning;
  if (all) {
    const totals = p.sessTotals;
    const between = (a: Int32Array | Float64Array) => (a[s1] as number) - (a[s0] as number);
    t.sessions = s1 - s0;
    t.mobile = between(totals.mobile);
    t.helpSeeking = between(totals.helpSeeking);
    t.followed = between(totals.followed);
    t.searches = between(totals.searches);
    t.searchSuccess = between(totals.searchSuccess);
    t.zeroResult = between(totals.zeroResult);
    countGaps(p.sessGapQuery, p.sessGapStart[s0] as number, p.sessGapStart[s1] as number, t);
    t.medianMinutes = p.sessMinutes.median(s0, s1);
  } else {
    segmentSessions(p, f, s0, s1, t);
  }
  return t;
}

/**
 * Distinct visitors of sessions [s0, s1), visitors seen in two or more of them, and per event
 * type the visitors who produced it. Per visitor: bit 7 = seen, bit 8 = seen twice, bits 0-6 =
 * event types produced. The session loop only ORs bits in, without a branch: the counts come
 * from a histogram of the 512 possible marks afterwards, since data-dependent branches on
 * randomly ordered visitors cost more than the loop's memory traffic.
 */
function tallyVisitors(
  sessVisitor: Int32Array,
  sessTypes: Uint8Array,
  s0: number,
  s1: number,
  visitorCount: number,
  typeVisitors: Int32Array,
): { visitors: number; returning: number } {
  const marks = new Uint16Array(visitorCount);
  for (let i = s0; i < s1; i++) {
    const v = sessVisitor[i] as number;
    const had = marks[v] as number;
    marks[v] = had | SEEN | ((had & SEEN) << 1) | (sessTypes[i] as number);
  }
  const histogram = new Int32Array(TWICE << 1);
  for (let v = 0; v < visitorCount; v++) {
    const m = marks[v] as number;
    histogram[m] = (histogram[m] as number) + 1;
  }
  let visitors = 0;
  let returning = 0;
  for (let m = SEEN; m < histogram.length; m++) {
    const n = histogram[m] as number;
    if (n === 0 || !(m & SEEN)) continue;
    visitors += n;
    if (m & TWICE) returning += n;
    for (let t = 0; t < typeVisitors.length; t++)
      if (m & (1 << t)) typeVisitors[t] = (typeVisitors[t] as number) + n;
  }
  return { visitors, returning };
}

/** {@link tallyVisitors} over the sessions of a segment, listed first. */
function tallySegmentVisitors(
  p: PreparedDataset,
  f: Filter,
  s0: number,
  s1: number,
  typeVisitors: Int32Array,
): { visitors: number; returning: number } {
  const picked: number[] = [];
  for (let i = s0; i < s1; i++) if (sessionIn(p, i, f)) picked.push(i);
  const visitorsOf = Int32Array.from(picked, (i) => p.sessVisitor[i] as number);
  const typesOf = Uint8Array.from(picked, (i) => p.sessTypes[i] as number);
  return tallyVisitors(visitorsOf, typesOf, 0, picked.length, p.visitorCount, typeVisitors);
}

function countGaps(sessGapQuery: Int32Array, k0: number, k1: number, t: SessionTally): void {
  const { gapCounts, gapsSeen } = t;
  for (let k = k0; k < k1; k++) {
    const q = sessGapQuery[k] as number;
    if (gapCounts[q] === 0) gapsSeen.push(q);
    gapCounts[q] = (gapCounts[q] as number) + 1;
  }
}

/** The session counts of a segment, session by session (the prepared running totals are for all). */
function segmentSessions(p: PreparedDataset, f: Filter, s0: number, s1: number, t: SessionTally): void {
  const durations = new Float64Array(s1 - s0);
  const { sessFlags, sessStart, sessEnd, sessDevice, sessGapStart } = p;
  for (let i = s0; i < s1; i++) {
    if (!sessionIn(p, i, f)) continue;
    const flags = sessFlags[i] as number;
    durations[t.sessions++] = ((sessEnd[i] as number) - (sessStart[i] as number)) / MINUTE;
    if (sessDevice[i] === MOBILE) t.mobile++;
    if (flags & HELP) {
      t.helpSeeking++;
      if (flags & FOLLOWED_BIT) t.followed++;
    }
    t.searches += p.sessSearches[i] as number;
    t.searchSuccess += p.sessSearchSuccess[i] as number;
    t.zeroResult += p.sessZeroResult[i] as number;
    countGaps(p.sessGapQuery, sessGapStart[i] as number, sessGapStart[i + 1] as number, t);
  }
  t.medianMinutes = medianInPlace(durations, t.sessions);
}

interface CreatedTally {
  count: number;
  escalated: number;
  repeat: number;
  /** Distinct requesters. */
  requesters: number;
}

/** Tickets created in [c0, c1) of `p.created`. */
function createdTally(p: PreparedDataset, f: Filter, c0: number, c1: number): CreatedTally {
  const c = p.created;
  if (f.channel < 0 && f.accounts === null) {
    return {
      count: c1 - c0,
      escalated: (p.createdTotals.escalated[c1] as number) - (p.createdTotals.escalated[c0] as number),
      repeat: (p.createdTotals.repeat[c1] as number) - (p.createdTotals.repeat[c0] as number),
      requesters: firstInRange(p.createdPrevSameRequester, c0, c1),
    };
  }
  const t: CreatedTally = { count: 0, escalated: 0, repeat: 0, requesters: 0 };
  const requesterSeen = new Uint8Array(p.requesterCount);
  for (let i = c0; i < c1; i++) {
    if (!ticketIn(c, i, f)) continue;
    t.count++;
    t.escalated += c.escalated[i] as number;
    t.repeat += c.repeat[i] as number;
    const r = c.requester[i] as number;
    if (requesterSeen[r] === 0) {
      requesterSeen[r] = 1;
      t.requesters++;
    }
  }
  return t;
}

/** Positions in [c0, c1) whose previous same-requester position is before c0: distinct requesters. */
function firstInRange(prev: Int32Array, c0: number, c1: number): number {
  let n = 0;
  // Branch-free: the sign bit of prev − c0 is 1 exactly when prev < c0.
  for (let i = c0; i < c1; i++) n += ((prev[i] as number) - c0) >>> 31;
  return n;
}

interface SolvedTally {
  count: number;
  touched: number;
  oneTouch: number;
  reopened: number;
  good: number;
  bad: number;
  predSum: number;
  medianFirstReply: number | null;
  medianFullResolution: number | null;
}

/** Tickets solved in [v0, v1) of `p.solved`. */
function solvedTally(p: PreparedDataset, f: Filter, v0: number, v1: number): SolvedTally {
  const predictions = p.solvedPredictions;
  if (f.channel < 0 && f.accounts === null) {
    const t = p.solvedTotals;
    const between = (a: Int32Array) => (a[v1] as number) - (a[v0] as number);
    return {
      count: v1 - v0,
      touched: between(t.touched),
      oneTouch: between(t.oneTouch),
      reopened: between(t.reopened),
      good: between(t.good),
      bad: between(t.bad),
      // Summed in order rather than from running totals, so the float result is the segment loop's.
      predSum: predictions ? sumRange(predictions, v0, v1) : 0,
      medianFirstReply: p.solvedFirstReply.median(v0, v1),
      medianFullResolution: p.solvedFullResolution.median(v0, v1),
    };
  }
  const s = p.solved;
  const firstReply = new Float64Array(v1 - v0);
  const fullRes = new Float64Array(v1 - v0);
  let firstN = 0;
  let fullN = 0;
  const t = { count: 0, touched: 0, oneTouch: 0, reopened: 0, good: 0, bad: 0, predSum: 0 };
  for (let i = v0; i < v1; i++) {
    if (!ticketIn(s, i, f)) continue;
    t.count++;
    const replies = s.replies[i] as number;
    const reopens = s.reopened[i] as number;
    if (replies >= 1) {
      t.touched++;
      if (replies === 1 && reopens === 0) t.oneTouch++;
    }
    t.reopened += reopens;
    const sat = s.satisfaction[i];
    if (sat === GOOD) t.good++;
    else if (sat === BAD) t.bad++;
    const fr = s.firstReply[i] as number;
    if (fr === fr) firstReply[firstN++] = fr;
    const fu = s.fullResolution[i] as number;
    if (fu === fu) fullRes[fullN++] = fu;
    if (predictions) t.predSum += predictions[i] as number;
  }
  return {
    ...t,
    medianFirstReply: medianInPlace(firstReply, firstN),
    medianFullResolution: medianInPlace(fullRes, fullN),
  };
}

function sumRange(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i] as number;
  return sum;
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
  // Per visitor: bit 0 month, 1 week, 2 day; ORed in without branches and counted afterwards,
  // as in tallyVisitors.
  const marks = new Uint8Array(p.visitorCount);
  const accountSeen = new Uint8Array(p.accounts.length + 1);
  const all = f.device < 0 && f.accounts === null;
  const { sessEnd, sessVisitor, sessAccount } = p;
  const accountCount = p.accounts.length;
  for (let i = i0; i < i1; i++) {
    if ((sessEnd[i] as number) < monthStart || (!all && !sessionIn(p, i, f))) continue;
    // Latest event before `to`: the session is active in a range iff that event is in it. Only a
    // session running past `to` needs its events looked at.
    let last = sessEnd[i] as number;
    if (last >= to) last = lastEventBefore(p, i, to);
    if (last < monthStart) continue;
    const v = sessVisitor[i] as number;
    marks[v] = (marks[v] as number) | 1 | (+(last >= weekStart) << 1) | (+(last >= dayStart) << 2);
    // Sessions without an account (−1) or with one beyond the list all mark the spare last slot.
    const a = sessAccount[i] as number;
    accountSeen[a >= 0 && a < accountCount ? a : accountCount] = 1;
  }
  const histogram = new Int32Array(8);
  for (let v = 0; v < marks.length; v++) {
    const m = marks[v] as number;
    histogram[m] = (histogram[m] as number) + 1;
  }
  let dau = 0;
  let wau = 0;
  let mau = 0;
  for (let m = 1; m < 8; m++) {
    const n = histogram[m] as number;
    mau += n;
    if (m & 2) wau += n;
    if (m & 4) dau += n;
  }
  let activeAccounts = 0;
  for (let a = 0; a < accountCount; a++) activeAccounts += accountSeen[a] as number;
  return { dau, wau, mau, activeAccounts };
}

function lastEventBefore(p: PreparedDataset, session: number, to: number): number {
  let last = -Infinity;
  for (let k = p.sessFirst[session] as number; k <= (p.sessLast[session] as number); k++) {
    const t = p.eventTime[k] as number;
    if (t >= to) break;
    last = t;
  }
  return last;
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
