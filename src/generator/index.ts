/**
 * The deterministic, streaming tenant generator: accounts, then people, then tickets and
 * portal events in time order. Time moves day by day; each day's records are buffered
 * only until no later day can add an earlier record, so memory stays flat at any scale.
 */
import type { Account, Person, PortalEvent, PulseRecord } from '../core/records';
import { companyDomain, companyName, FIRST_NAMES, LAST_NAMES, PERSONAL_DOMAINS, type Topic } from './catalog';
import {
  accountId,
  buildPopulation,
  DAY_MS,
  DETERIORATION_DAYS,
  drawPerson,
  drawTicketAccount,
  health,
  personId,
  portalPropensity,
  type Population,
} from './population';
import { hashString, Rng } from './random';
import { buildSession, drawDevice } from './sessions';
import { TapTracker } from './tap-tracker';
import { drawTicket, drawTopic } from './tickets';

export { agents, helpCenterArticles, type Agent, type Article } from './catalog';
export { ticketComments, type Comment } from './comments';

export interface GenerateOptions {
  seed: number;
  tickets: number;
  /** Epoch ms the data ends at (exclusive); default 2026-11-01T00:00:00Z. */
  end?: number;
  /** Days of history before `end`; default 365. */
  days?: number;
}

export interface Truth {
  seed: number;
  tickets: number;
  window: { from: string; to: string };
  counts: { accounts: number; persons: number; tickets: number; portal_events: number };
  /** Help-seeking sessions followed by a ticket / help-seeking sessions, as METRICS.md defines TAP. */
  ticket_after_portal_share: number | null;
  help_seeking_sessions: number;
  help_seeking_sessions_followed: number;
  /** Accounts whose health slides over the last DETERIORATION_DAYS days. */
  deteriorating_accounts: string[];
  deterioration_from: string;
  /** The generator's P(good) for each rated ticket, by ticket id. */
  p_good: Record<string, number>;
}

export interface GeneratedTenant {
  records(): Generator<PulseRecord>;
  /** Complete once records() is exhausted. */
  truth(): Truth;
}

export const DEFAULT_END = Date.UTC(2026, 10, 1);
export const DEFAULT_DAYS = 365;
const SCALES: Record<string, number> = { small: 2_000, medium: 100_000, large: 1_000_000 };

/** Tickets for a scale name or a positive integer string. */
export function ticketsForScale(scale: string): number {
  const named = SCALES[scale];
  if (named !== undefined) return named;
  if (/^[1-9][0-9]*$/.test(scale) && Number(scale) <= 100_000_000) return Number(scale);
  throw new Error(`scale must be small, medium, large or a positive ticket count, got "${scale}"`);
}

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
const KIND_ORDER: Record<PulseRecord['kind'], number> = { account: 0, person: 1, portal_event: 2, ticket: 3 };

const timeOf = (r: PulseRecord): number =>
  r.kind === 'ticket' ? r.created_at : r.kind === 'portal_event' ? r.occurred_at : 0;

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
function sortDay(list: PulseRecord[], dayStart: number): void {
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

export function createGenerator(opts: GenerateOptions): GeneratedTenant {
  const seed = opts.seed >>> 0;
  const end = opts.end ?? DEFAULT_END;
  const days = opts.days ?? DEFAULT_DAYS;
  if (!Number.isInteger(opts.tickets) || opts.tickets < 1)
    throw new Error(`tickets must be a positive integer, got ${opts.tickets}`);
  if (!Number.isInteger(days) || days < 1) throw new Error(`days must be a positive integer, got ${days}`);
  const start = end - days * DAY_MS;
  let truth: Truth | null = null;

  function* records(): Generator<PulseRecord> {
    const pop = buildPopulation(seed, opts.tickets, end);
    const tracker = new TapTracker();
    const pGood: Record<string, number> = {};
    const counts = { accounts: pop.accountCount, persons: pop.personCount, tickets: 0, portal_events: 0 };
    yield* accountRecords(pop, seed);
    yield* personRecords(pop, seed);

    const weights = Array.from({ length: days }, (_, d) => {
      const dow = new Date(start + d * DAY_MS).getUTCDay();
      return (WEEKDAY[dow] as number) * (1 + (0.25 * d) / days);
    });
    const ticketQuota = apportion(opts.tickets, weights);
    const visitQuota = apportion(Math.round(opts.tickets * VISITS_PER_TICKET), weights);
    const buckets = new Map<number, PulseRecord[]>();
    const put = (r: PulseRecord): void => {
      const t = timeOf(r);
      if (t < start || t >= end) return;
      const b = Math.floor((t - start) / DAY_MS);
      const list = buckets.get(b);
      if (list === undefined) buckets.set(b, [r]);
      else list.push(r);
    };
    const ctx: DayContext = {
      pop,
      seed,
      end,
      put,
      anonymousPool: Math.max(50, Math.round(opts.tickets / 6)),
    };
    let nextTicket = 1;

    /** Sorts a finished day, feeds it to the truth tracker and hands it out. */
    function takeDay(b: number): PulseRecord[] {
      const list = buckets.get(b);
      if (list === undefined) return [];
      buckets.delete(b);
      sortDay(list, start + b * DAY_MS);
      for (const r of list) {
        if (r.kind === 'ticket') {
          tracker.ticket(r);
          counts.tickets++;
        } else if (r.kind === 'portal_event') {
          tracker.event(r);
          counts.portal_events++;
        }
      }
      tracker.prune(start + (b + 1) * DAY_MS);
      return list;
    }

    for (let d = 0; d < days; d++) {
      const rng = new Rng(seed, `day:${d}`);
      const dayStart = start + d * DAY_MS;
      const times = new Float64Array(ticketQuota[d] as number);
      for (let i = 0; i < times.length; i++) times[i] = timeInDay(rng, dayStart);
      times.sort();
      for (const t of times) {
        const p = ticketDay(ctx, rng, `t${nextTicket++}`, t);
        if (p !== null) pGood[p.id] = p.p;
      }
      for (let i = 0; i < (visitQuota[d] as number); i++)
        independentVisit(ctx, rng, timeInDay(rng, dayStart));
      // Nothing generated from now on lands before this day, so yesterday is complete.
      if (d > 0) for (const r of takeDay(d - 1)) yield r;
    }
    for (let b = days - 1; b < days + 2; b++) for (const r of takeDay(b)) yield r;

    truth = {
      seed,
      tickets: opts.tickets,
      window: { from: new Date(start).toISOString(), to: new Date(end).toISOString() },
      counts,
      ticket_after_portal_share: tracker.share(),
      help_seeking_sessions: tracker.helpSeeking,
      help_seeking_sessions_followed: tracker.followed,
      deteriorating_accounts: [...Array(pop.accountCount).keys()]
        .filter((a) => pop.deteriorating[a] === 1)
        .map(accountId),
      deterioration_from: new Date(end - DETERIORATION_DAYS * DAY_MS).toISOString(),
      p_good: pGood,
    };
  }

  return {
    records,
    truth(): Truth {
      if (truth === null) throw new Error('truth() is complete only once records() has been read to the end');
      return truth;
    },
  };
}

interface DayContext {
  pop: Population;
  seed: number;
  end: number;
  put: (r: PulseRecord) => void;
  anonymousPool: number;
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

/** One ticket created at t, with the portal visit that led to it when it had one. */
function ticketDay(ctx: DayContext, rng: Rng, id: string, t: number): { id: string; p: number } | null {
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
      ? `anon${1 + Math.floor(ctx.anonymousPool * rng.next() ** 2)}`
      : `v${person + 1}`;
    const events = buildSession(rng, {
      visitorId: visitor,
      personId: anonymous ? null : pid,
      accountId: affiliated ? accountId(a) : null,
      device: anonymous ? drawDevice(rng) : deviceOf(visitor, ctx.seed),
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
    id,
    accountId: affiliated ? accountId(a) : null,
    requesterId: pid,
    createdAt: t,
    health: h,
    end: ctx.end,
    ...(channel ? { channel } : {}),
    topic,
    tags,
  });
  ctx.put(draw.ticket);
  return draw.pGood === null ? null : { id, p: draw.pGood };
}

/** A portal visit not tied to a ticket: browsing, or help-seeking that may deflect one. */
function independentVisit(ctx: DayContext, rng: Rng, t: number): void {
  const { pop } = ctx;
  const helpSeeking = rng.chance(0.78);
  const topic = drawTopic(rng);
  if (rng.chance(ANONYMOUS_VISIT_SHARE)) {
    const visitor = `anon${1 + Math.floor(ctx.anonymousPool * rng.next() ** 2)}`;
    const events = buildSession(rng, {
      visitorId: visitor,
      personId: null,
      accountId: null,
      device: deviceOf(visitor, ctx.seed),
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
    device: deviceOf(visitor, ctx.seed),
    topic,
    helpSeeking,
    signsInMidway: rng.chance(0.35),
    submits: false,
  });
  placeVisit(ctx, events, t);
}

function* accountRecords(pop: Population, seed: number): Generator<Account> {
  const rng = new Rng(seed, 'account-names');
  const offset = rng.int(1000);
  for (let a = 0; a < pop.accountCount; a++) {
    const w = pop.weight[a] as number;
    yield {
      kind: 'account',
      id: accountId(a),
      name: companyName(a + offset),
      tags: [w > 20 ? 'enterprise' : w > 3 ? 'business' : 'starter'],
      created_at: pop.createdAt[a] as number,
    };
  }
}

function* personRecords(pop: Population, seed: number): Generator<Person> {
  const rng = new Rng(seed, 'person-names');
  const offset = rng.int(1000);
  for (let p = 0; p < pop.personCount; p++) {
    const a = pop.personAccount[p] as number;
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const domain = a < pop.accountCount ? companyDomain(companyName(a + offset)) : rng.pick(PERSONAL_DOMAINS);
    yield {
      kind: 'person',
      id: personId(p),
      account_id: a < pop.accountCount ? accountId(a) : null,
      name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}.${p + 1}@${domain}`,
    };
  }
}
