/**
 * Tickets and portal visits day by day. Each day draws from its own stream, Rng(seed,
 * "day:d"), and its ticket numbers follow from the quotas of the days before, so any day
 * can be generated on its own – in order on one thread, or out of order on worker threads –
 * and give the same records.
 */
import type { PortalEvent, PulseRecord } from '../core/records';
import type { Topic } from './catalog';
import {
  accountId,
  DAY_MS,
  drawPerson,
  drawTicketAccount,
  health,
  personId,
  portalPropensity,
  type Population,
} from './population';
import { hashString, Rng } from './random';
import { buildSession, drawDevice } from './sessions';
import { drawTicket, drawTopic } from './tickets';

/** Monday-heavy weeks and quiet weekends (UTC day 0 = Sunday). */
const WEEKDAY: readonly number[] = [0.35, 1.2, 1.12, 1.05, 1.0, 0.88, 0.4];
/** Arrivals by UTC hour: customers across time zones, peaking in the European and American day. */
const HOURS: readonly number[] = [
  0.3, 0.25, 0.2, 0.2, 0.25, 0.35, 0.6, 0.9, 1.2, 1.4, 1.5, 1.5, 1.45, 1.5, 1.6, 1.6, 1.5, 1.3, 1.1, 0.9,
  0.75, 0.6, 0.45, 0.35,
];
/** Independent portal visits per ticket; with the visits before tickets this gives ~5 events a ticket. */
const VISITS_PER_TICKET = 0.85;
const ANONYMOUS_VISIT_SHARE = 0.28;
const MIN_MS = 60_000;
export const KIND_ORDER: Record<PulseRecord['kind'], number> = {
  account: 0,
  person: 1,
  portal_event: 2,
  ticket: 3,
};

export const timeOf = (r: PulseRecord): number =>
  r.kind === 'ticket' ? r.created_at : r.kind === 'portal_event' ? r.occurred_at : 0;

/** What every day needs to know of the whole run; plain data, so it can be posted to a worker. */
export interface DayPlan {
  seed: number;
  tickets: number;
  start: number;
  end: number;
  days: number;
  ticketQuota: number[];
  visitQuota: number[];
  /** Number of the first ticket made on each day. */
  firstTicket: number[];
  anonymousPool: number;
}

/** Splits `total` over days in proportion to weights, rounding so the parts sum exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const out: number[] = [];
  let cum = 0;
  let given = 0;
  for (const w of weights) {
    cum += w;
    const upTo = Math.round((total * cum) / sum);
    out.push(upTo - given);
    given = upTo;
  }
  return out;
}

export function planDays(seed: number, tickets: number, end: number, days: number): DayPlan {
  const start = end - days * DAY_MS;
  const weights = Array.from({ length: days }, (_, d) => {
    const dow = new Date(start + d * DAY_MS).getUTCDay();
    return (WEEKDAY[dow] as number) * (1 + (0.25 * d) / days);
  });
  const ticketQuota = apportion(tickets, weights);
  const firstTicket: number[] = [];
  let next = 1;
  for (const q of ticketQuota) {
    firstTicket.push(next);
    next += q;
  }
  return {
    seed,
    tickets,
    start,
    end,
    days,
    ticketQuota,
    visitQuota: apportion(Math.round(tickets * VISITS_PER_TICKET), weights),
    firstTicket,
    anonymousPool: Math.max(50, Math.round(tickets / 6)),
  };
}

/** Where a generated day hands its records: each with the day (from the start) it falls in. */
export interface DaySink {
  put(r: PulseRecord, bucket: number): void;
  /** A ticket that got a CSAT rating, with the generator's P(good). */
  rated(ticketNumber: number, p: number): void;
}

interface DayContext {
  plan: DayPlan;
  pop: Population;
  put: (r: PulseRecord) => void;
}

/**
 * Generates day d's tickets and visits. Records land in day d or, for visits that led to a
 * ticket early in the day or ran past midnight, in the day before or after; none land
 * outside [d - 1, d + 1], so day d - 1 is complete once day d is generated.
 */
export function generateDay(plan: DayPlan, pop: Population, d: number, sink: DaySink): void {
  const { start, end } = plan;
  const ctx: DayContext = {
    plan,
    pop,
    put: (r) => {
      const t = timeOf(r);
      if (t >= start && t < end) sink.put(r, Math.floor((t - start) / DAY_MS));
    },
  };
  const rng = new Rng(plan.seed, `day:${d}`);
  const dayStart = start + d * DAY_MS;
  const times = new Float64Array(plan.ticketQuota[d] as number);
  for (let i = 0; i < times.length; i++) times[i] = timeInDay(rng, dayStart);
  times.sort();
  let n = plan.firstTicket[d] as number;
  for (const t of times) {
    const p = ticketDay(ctx, rng, n, t);
    if (p !== null) sink.rated(n, p);
    n++;
  }
  for (let i = 0; i < (plan.visitQuota[d] as number); i++)
    independentVisit(ctx, rng, timeInDay(rng, dayStart));
}

/** Bits of a packed sort key that hold the record's position in its day's list. */
const INDEX_BITS = 24;
/** Milliseconds in a day × kinds × positions stays below 2^53, so packed keys are exact doubles. */
const MAX_PACKED = 2 ** INDEX_BITS;

const byTimeThenKind = (x: PulseRecord, y: PulseRecord): number =>
  timeOf(x) - timeOf(y) || KIND_ORDER[x.kind] - KIND_ORDER[y.kind];

/**
 * Sorts one day's records by time, then kind, then the order they were made in (what a
 * stable sort by time and kind gives). The three are packed into one exact double per
 * record so a native numeric sort replaces millions of comparator calls.
 */
export function sortDay(list: PulseRecord[], dayStart: number): void {
  const keys = packedKeys(list, dayStart);
  if (keys === null) {
    list.sort(byTimeThenKind);
    return;
  }
  keys.sort();
  const made = list.slice();
  for (let i = 0; i < made.length; i++) list[i] = made[(keys[i] as number) % MAX_PACKED] as PulseRecord;
}

/** Null when a time is off whole milliseconds or outside the day, or the day is too big to pack. */
function packedKeys(list: readonly PulseRecord[], dayStart: number): Float64Array | null {
  if (list.length >= MAX_PACKED) return null;
  const keys = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const r = list[i] as PulseRecord;
    const offset = timeOf(r) - dayStart;
    if (!Number.isInteger(offset) || offset < 0 || offset >= DAY_MS) return null;
    keys[i] = (offset * 4 + KIND_ORDER[r.kind]) * MAX_PACKED + i;
  }
  return keys;
}

function timeInDay(rng: Rng, dayStart: number): number {
  const hour = rng.weighted(HOURS);
  return dayStart + hour * 3_600_000 + rng.int(3_600_000);
}

const deviceOf = (key: string, seed: number) =>
  (['desktop', 'desktop', 'mobile', 'tablet'] as const)[hashString(key, seed) % 4] as
    'desktop' | 'mobile' | 'tablet';

/** Places a visit's events so that its first event is at `at`. */
function placeVisit(ctx: DayContext, events: PortalEvent[], at: number): void {
  for (const e of events) {
    e.occurred_at += at;
    ctx.put(e);
  }
}

/** Ticket number n created at t, with the portal visit that led to it when it had one; its P(good) if rated. */
function ticketDay(ctx: DayContext, rng: Rng, n: number, t: number): number | null {
  const { pop } = ctx;
  const a = drawTicketAccount(pop, rng, t);
  const person = drawPerson(pop, rng, a);
  const pid = personId(person);
  const h = health(pop, a, t);
  const affiliated = a < pop.accountCount;
  const topic: Topic = drawTopic(rng);
  const tags: string[] = [];
  let channel: 'web' | undefined;
  const u = rng.next();
  const anonymous = !affiliated && u < 0.22;
  const signedIn = !anonymous && u < (affiliated ? 0.4 * portalPropensity(pop, a, t) : 0.32);
  if (anonymous || signedIn) {
    const submits = anonymous || rng.chance(0.3);
    const visitor = anonymous
      ? `anon${1 + Math.floor(ctx.plan.anonymousPool * rng.next() ** 2)}`
      : `v${person + 1}`;
    const events = buildSession(rng, {
      visitorId: visitor,
      personId: anonymous ? null : pid,
      accountId: affiliated ? accountId(a) : null,
      device: anonymous ? drawDevice(rng) : deviceOf(visitor, ctx.plan.seed),
      topic,
      helpSeeking: true,
      signsInMidway: rng.chance(0.35),
      submits,
    });
    const duration = (events[events.length - 1] as PortalEvent).occurred_at;
    // Submitted in the visit, or written a little later by mail or chat after reading.
    const lag = submits ? 0 : Math.min(20 * 60 * MIN_MS, Math.round(rng.exponential(100 * MIN_MS)) + MIN_MS);
    placeVisit(ctx, events, t - lag - duration);
    tags.push('portal');
    if (submits) channel = 'web';
  }
  const draw = drawTicket(rng, {
    id: `t${n}`,
    accountId: affiliated ? accountId(a) : null,
    requesterId: pid,
    createdAt: t,
    health: h,
    end: ctx.plan.end,
    ...(channel ? { channel } : {}),
    topic,
    tags,
  });
  ctx.put(draw.ticket);
  return draw.pGood;
}

/** A portal visit not tied to a ticket: browsing, or help-seeking that may deflect one. */
function independentVisit(ctx: DayContext, rng: Rng, t: number): void {
  const { pop } = ctx;
  const helpSeeking = rng.chance(0.78);
  const topic = drawTopic(rng);
  if (rng.chance(ANONYMOUS_VISIT_SHARE)) {
    const visitor = `anon${1 + Math.floor(ctx.plan.anonymousPool * rng.next() ** 2)}`;
    const events = buildSession(rng, {
      visitorId: visitor,
      personId: null,
      accountId: null,
      device: deviceOf(visitor, ctx.plan.seed),
      topic,
      helpSeeking,
      signsInMidway: false,
      submits: false,
    });
    placeVisit(ctx, events, t);
    return;
  }
  let a: number;
  do a = drawTicketAccount(pop, rng, t);
  while (a < pop.accountCount && rng.next() > portalPropensity(pop, a, t));
  const person = drawPerson(pop, rng, a);
  const visitor = `v${person + 1}`;
  const events = buildSession(rng, {
    visitorId: visitor,
    personId: personId(person),
    accountId: a < pop.accountCount ? accountId(a) : null,
    device: deviceOf(visitor, ctx.plan.seed),
    topic,
    helpSeeking,
    signsInMidway: rng.chance(0.35),
    submits: false,
  });
  placeVisit(ctx, events, t);
}
