import { DAY_MS, MINUTE_MS, type Dataset } from './dataset';
import { normalizeQuery } from './queries';
import { CHANNELS, type Account, type PortalEvent, type Ticket } from './records';
import {
  EV_CLICKED,
  EV_ZERO_RESULT,
  eventColumns,
  orderByVisitorAndTime,
  TYPE_CODE,
  type EventColumns,
} from './event-columns';
import type { Session } from './sessions';
import type { Settings } from './settings';

export const HELP_SEEKING = 1;
export const FOLLOWED = 2;

/** Per-ticket facts that do not depend on the window, in columns (one index per ticket). */
export interface TicketColumns {
  tickets: Ticket[];
  time: Float64Array;
  account: Int32Array;
  channel: Uint8Array;
  requester: Int32Array;
  /** 1 when the ticket is escalated (urgent, tag `escalated`, or more than one group). */
  escalated: Uint8Array;
  /** 1 when the requester has another ticket created in the 7 days before this one. */
  repeat: Uint8Array;
  /** Agent replies, capped at 2 (FCR only tells 0, 1 and more). */
  replies: Uint8Array;
  /** 1 when reopened at least once. */
  reopened: Uint8Array;
  /** SAT_GOOD, SAT_BAD or 0. */
  satisfaction: Uint8Array;
  /** Minutes, NaN when unknown. */
  firstReply: Float64Array;
  fullResolution: Float64Array;
}

export const SAT_GOOD = 1;
export const SAT_BAD = 2;

/**
 * A tenant's data sessionized and indexed once, so any window or segment is answered by binary
 * search and a scan over compact columns (no per-report allocation per event).
 */
export interface PreparedDataset {
  /** Settings the sessions were built with (gap and look-ahead W are baked in). */
  session_gap_minutes: number;
  ticket_after_portal_hours: number;
  accounts: Account[];
  /** Account id → index; accounts seen only on tickets/events get indices past `accounts.length`. */
  accountIndex: Map<string, number>;
  /** Tag → account indices carrying it. */
  accountsByTag: Map<string, number[]>;
  /** The events as given; sessions index them through `eventOrder`. */
  events: PortalEvent[];
  /** occurred_at of each event, by input index. */
  eventTime: Float64Array;
  /** Person index (as in `sessPerson`) → person id. */
  personIds: string[];
  /** Event indices by visitor, then time: a session is `eventOrder[sessFirst[i] ..= sessLast[i]]`. */
  eventOrder: Int32Array;
  sessFirst: Int32Array;
  sessLast: Int32Array;
  sessStart: Float64Array;
  sessEnd: Float64Array;
  sessVisitor: Int32Array;
  /** Index into `personIds`, or -1 for an anonymous session. */
  sessPerson: Int32Array;
  sessAccount: Int32Array;
  sessDevice: Uint8Array;
  /** HELP_SEEKING | FOLLOWED bits. */
  sessFlags: Uint8Array;
  sessSearches: Int32Array;
  sessSearchSuccess: Int32Array;
  sessZeroResult: Int32Array;
  /** Bit i set when the session has an event of PORTAL_EVENT_TYPES[i]. */
  sessTypes: Uint8Array;
  /** Normalized queries of the session's content-gap searches, or null when it has none. */
  sessGapQueries: (string[] | null)[];
  maxSessionMs: number;
  visitorCount: number;
  requesterCount: number;
  /** Account index → id. */
  accountIds: string[];
  /** All tickets by created_at. */
  created: TicketColumns;
  /** Solved tickets (solved_at set) by solved_at. */
  solved: TicketColumns;
  /** P(good) of each solved ticket (same order as `solved`), or null without a trained model. */
  solvedPredictions: Float64Array | null;
  csatModel: PredictedCsatModelInfo;
  /** Newest timestamp in the data, epoch ms. */
  dataAsOf: number | null;
  /** Oldest timestamp in the data, epoch ms. */
  dataFrom: number | null;
}

/** Predicted-CSAT model facts the report needs besides the per-ticket predictions. */
export type PredictedCsatModelInfo =
  | { status: 'ok'; auc: number; trained_on: number }
  | { status: 'insufficient_data'; rated_tickets: number; needed: number }
  | { status: 'unavailable'; reason: string };

/** Trains the tenant's predicted-CSAT model once, at prepare time, and scores every solved ticket. */
export type SolvedTicketScorer = (
  all: Ticket[],
  solved: Ticket[],
) => { model: PredictedCsatModelInfo; predictions: Float64Array | null };

const NO_MODEL: SolvedTicketScorer = () => ({
  model: { status: 'unavailable', reason: 'no predicted-CSAT model was trained' },
  predictions: null,
});

export function prepareDataset(
  data: Dataset,
  settings: Settings,
  scoreSolved: SolvedTicketScorer = NO_MODEL,
): PreparedDataset {
  const accountIndex = new Map<string, number>();
  const accounts = [...data.accounts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const accountsByTag = new Map<string, number[]>();
  const internAccount = (id: string | null): number => {
    if (id === null) return -1;
    let i = accountIndex.get(id);
    if (i === undefined) {
      i = accountIndex.size;
      accountIndex.set(id, i);
    }
    return i;
  };
  for (const a of accounts) {
    const i = internAccount(a.id);
    for (const tag of new Set(a.tags)) {
      const list = accountsByTag.get(tag);
      if (list) list.push(i);
      else accountsByTag.set(tag, [i]);
    }
  }
  const personById = new Map(data.persons.map((p) => [p.id, p]));

  // Tickets per requester by created_at: for "followed by a ticket" and repeat requests.
  const requesterIndex = new Map<string, number>();
  const createdOrder = sortedCopy(data.tickets, (t) => t.created_at);
  const perRequester: number[][] = [];
  for (const t of createdOrder) {
    let r = requesterIndex.get(t.requester_id);
    if (r === undefined) {
      r = requesterIndex.size;
      requesterIndex.set(t.requester_id, r);
      perRequester.push([]);
    }
    (perRequester[r] as number[]).push(t.created_at);
  }
  const ticketAccount = (t: Ticket): number =>
    internAccount(t.account_id ?? personById.get(t.requester_id)?.account_id ?? null);
  const created = ticketColumns(createdOrder, (t) => t.created_at, ticketAccount, requesterIndex);
  for (let i = 0; i < createdOrder.length; i++) {
    const t = createdOrder[i] as Ticket;
    const times = perRequester[created.requester[i] as number] as number[];
    const j = lowerBound(times, t.created_at - 7 * DAY_MS);
    if (j < times.length && (times[j] as number) < t.created_at) created.repeat[i] = 1;
  }
  const solvedOrder = sortedCopy(
    data.tickets.filter((t) => t.solved_at !== null),
    (t) => t.solved_at as number,
  );
  const solved = ticketColumns(solvedOrder, (t) => t.solved_at as number, ticketAccount, requesterIndex);
  const scored = scoreSolved(createdOrder, solvedOrder);

  const W = settings.ticket_after_portal_hours * 3_600_000;
  const events = data.events;
  const ev = eventColumns(events, internAccount);
  const order = orderByVisitorAndTime(events, ev);
  const raw = cutSessions(ev, order, settings.session_gap_minutes * MINUTE_MS);
  const n = raw.first.length;
  // Sessions by start; ties in any order, since every metric aggregates commutatively.
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const rawStart = new Float64Array(n);
  for (let i = 0; i < n; i++) rawStart[i] = ev.time[order[raw.first[i] as number] as number] as number;
  if (!isAscendingBy(perm, rawStart)) perm.sort((a, b) => (rawStart[a] as number) - (rawStart[b] as number));
  // Per distinct person: requester index (for "followed by a ticket") and account.
  const personRequester = ev.personIds.map((id) => requesterIndex.get(id) ?? -1);
  const personAccount = ev.personIds.map((id) => internAccount(personById.get(id)?.account_id ?? null));

  const p: PreparedDataset = {
    session_gap_minutes: settings.session_gap_minutes,
    ticket_after_portal_hours: settings.ticket_after_portal_hours,
    accounts,
    accountIndex,
    accountsByTag,
    events,
    eventTime: ev.time,
    eventOrder: order,
    personIds: ev.personIds,
    sessFirst: new Int32Array(n),
    sessLast: new Int32Array(n),
    sessStart: new Float64Array(n),
    sessEnd: new Float64Array(n),
    sessVisitor: new Int32Array(n),
    sessPerson: new Int32Array(n),
    sessAccount: new Int32Array(n),
    sessDevice: new Uint8Array(n),
    sessFlags: new Uint8Array(n),
    sessSearches: new Int32Array(n),
    sessSearchSuccess: new Int32Array(n),
    sessZeroResult: new Int32Array(n),
    sessTypes: new Uint8Array(n),
    sessGapQueries: new Array<string[] | null>(n).fill(null),
    maxSessionMs: 0,
    visitorCount: 0,
    requesterCount: requesterIndex.size,
    accountIds: [],
    created,
    solved,
    solvedPredictions: scored.predictions,
    csatModel: scored.model,
    dataAsOf: null,
    dataFrom: null,
  };
  const SEARCH = TYPE_CODE.get('search') as number;
  const ARTICLE = TYPE_CODE.get('article_view') as number;
  const SUBMIT = TYPE_CODE.get('ticket_submit') as number;
  const personVisitor = new Int32Array(ev.personIds.length).fill(-1);
  const browserVisitor = new Int32Array(ev.visitorIds.length).fill(-1);
  let visitors = 0;
  for (let i = 0; i < n; i++) {
    const r = perm[i] as number;
    const first = raw.first[r] as number;
    const last = raw.last[r] as number;
    p.sessFirst[i] = first;
    p.sessLast[i] = last;
    const i0 = order[first] as number;
    const start = ev.time[i0] as number;
    const end = ev.time[order[last] as number] as number;
    p.sessStart[i] = start;
    p.sessEnd[i] = end;
    if (end - start > p.maxSessionMs) p.maxSessionMs = end - start;
    let person = -1;
    let account = -1;
    let help = false;
    let submit = false;
    let searches = 0;
    let success = 0;
    let zero = 0;
    let types = 0;
    let pendingSearch = false;
    for (let k = first; k <= last; k++) {
      const e = order[k] as number;
      if (person < 0) person = ev.person[e] as number;
      if (account < 0) account = ev.account[e] as number;
      const type = ev.type[e] as number;
      types |= 1 << type;
      if (type === SEARCH) {
        help = true;
        searches++;
        const f = ev.flags[e] as number;
        if (f & EV_ZERO_RESULT) zero++;
        // A search succeeds by its own click or by an article_view before the next search.
        if (f & EV_CLICKED) {
          success++;
          pendingSearch = false;
        } else pendingSearch = true;
      } else if (type === ARTICLE) {
        help = true;
        if (pendingSearch) {
          success++;
          pendingSearch = false;
        }
      } else if (type === SUBMIT) submit = true;
    }
    if (account < 0 && person >= 0) account = personAccount[person] as number;
    let v: number;
    if (person >= 0) {
      v = personVisitor[person] as number;
      if (v < 0) personVisitor[person] = v = visitors++;
    } else {
      const b = ev.visitor[i0] as number;
      v = browserVisitor[b] as number;
      if (v < 0) browserVisitor[b] = v = visitors++;
    }
    p.sessVisitor[i] = v;
    p.sessPerson[i] = person;
    p.sessAccount[i] = account;
    p.sessDevice[i] = ev.device[i0] as number;
    const req = person >= 0 ? (personRequester[person] as number) : -1;
    const followed = submit || (req >= 0 && hasTicketBetween(perRequester[req] as number[], start, end + W));
    p.sessFlags[i] = (help ? HELP_SEEKING : 0) | (followed ? FOLLOWED : 0);
    p.sessSearches[i] = searches;
    p.sessSearchSuccess[i] = success;
    p.sessZeroResult[i] = zero;
    p.sessTypes[i] = types;
    if (searches > 0 && (zero > 0 || followed))
      p.sessGapQueries[i] = gapQueries(events, ev, order, first, last, followed, SEARCH);
  }
  p.visitorCount = visitors;
  p.accountIds = [...accountIndex.keys()];
  const times: number[] = [];
  if (n > 0) times.push(p.sessStart[0] as number, maxOf(p.sessEnd));
  if (created.time.length > 0)
    times.push(created.time[0] as number, created.time[created.time.length - 1] as number);
  if (solved.time.length > 0) times.push(solved.time[solved.time.length - 1] as number);
  p.dataAsOf = times.length ? Math.max(...times) : null;
  p.dataFrom = times.length ? Math.min(...times) : null;
  return p;
}

/** Session boundaries as positions in `order`; a new session starts after a gap longer than `gapMs` or a new visitor. */
function cutSessions(
  ev: EventColumns,
  order: Int32Array,
  gapMs: number,
): { first: Int32Array; last: Int32Array } {
  const first: number[] = [];
  const last: number[] = [];
  let prevVisitor = -1;
  let prevTime = 0;
  for (let k = 0; k < order.length; k++) {
    const e = order[k] as number;
    const v = ev.visitor[e] as number;
    const t = ev.time[e] as number;
    if (v !== prevVisitor || t - prevTime > gapMs) {
      if (k > 0) last.push(k - 1);
      first.push(k);
    }
    prevVisitor = v;
    prevTime = t;
  }
  if (order.length > 0) last.push(order.length - 1);
  return { first: Int32Array.from(first), last: Int32Array.from(last) };
}

function isAscendingBy(perm: Int32Array, key: Float64Array): boolean {
  for (let i = 1; i < perm.length; i++)
    if ((key[perm[i - 1] as number] as number) > (key[perm[i] as number] as number)) return false;
  return true;
}

/** A copy sorted by a numeric key, ties by id, so that input order never changes a result. */
function sortedCopy(tickets: Ticket[], key: (t: Ticket) => number): Ticket[] {
  const cmp = (a: Ticket, b: Ticket): number => key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const copy = tickets.slice();
  for (let i = 1; i < copy.length; i++)
    if (cmp(copy[i - 1] as Ticket, copy[i] as Ticket) > 0) return copy.sort(cmp);
  return copy;
}

/** The session at position `i` of a prepared dataset, as a {@link Session}. */
export function sessionAt(p: PreparedDataset, i: number): Session {
  const events: PortalEvent[] = [];
  for (let k = p.sessFirst[i] as number; k <= (p.sessLast[i] as number); k++)
    events.push(p.events[p.eventOrder[k] as number] as PortalEvent);
  const first = events[0] as PortalEvent;
  const flags = p.sessFlags[i] as number;
  const a = p.sessAccount[i] as number;
  return {
    visitor_id: first.visitor_id,
    person_id: (p.sessPerson[i] as number) < 0 ? null : (p.personIds[p.sessPerson[i] as number] ?? null),
    account_id: a < 0 ? null : (p.accountIds[a] ?? null),
    start: p.sessStart[i] as number,
    end: p.sessEnd[i] as number,
    events,
    help_seeking: (flags & HELP_SEEKING) !== 0,
    has_ticket_submit: events.some((e) => e.type === 'ticket_submit'),
    device: first.device,
  };
}

/** Normalized queries of a session's content-gap searches: zero results, or any when followed by a ticket. */
function gapQueries(
  events: PortalEvent[],
  ev: EventColumns,
  order: Int32Array,
  first: number,
  last: number,
  followed: boolean,
  SEARCH: number,
): string[] | null {
  let gaps: string[] | null = null;
  for (let k = first; k <= last; k++) {
    const e = order[k] as number;
    if (ev.type[e] !== SEARCH || !(followed || (ev.flags[e] as number) & EV_ZERO_RESULT)) continue;
    const query = (events[e] as PortalEvent).query;
    const q = query === null ? '' : normalized(query);
    if (q !== '') (gaps ??= []).push(q);
  }
  return gaps;
}

// Queries repeat a lot; normalizing each distinct one once spares millions of regex runs.
const normalizedCache = new Map<string, string>();
function normalized(query: string): string {
  let q = normalizedCache.get(query);
  if (q === undefined) {
    q = normalizeQuery(query);
    if (normalizedCache.size < 100_000) normalizedCache.set(query, q);
  }
  return q;
}

function hasTicketBetween(times: number[], from: number, to: number): boolean {
  const j = lowerBound(times, from);
  return j < times.length && (times[j] as number) <= to;
}

const CHANNEL_INDEX = new Map(CHANNELS.map((c, i) => [c, i]));

function ticketColumns(
  tickets: Ticket[],
  time: (t: Ticket) => number,
  account: (t: Ticket) => number,
  requesters: Map<string, number>,
): TicketColumns {
  const n = tickets.length;
  const c: TicketColumns = {
    tickets,
    time: new Float64Array(n),
    account: new Int32Array(n),
    channel: new Uint8Array(n),
    requester: new Int32Array(n),
    escalated: new Uint8Array(n),
    repeat: new Uint8Array(n),
    replies: new Uint8Array(n),
    reopened: new Uint8Array(n),
    satisfaction: new Uint8Array(n),
    firstReply: new Float64Array(n),
    fullResolution: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const t = tickets[i] as Ticket;
    c.time[i] = time(t);
    c.account[i] = account(t);
    c.channel[i] = CHANNEL_INDEX.get(t.channel) ?? 0;
    c.requester[i] = requesters.get(t.requester_id) ?? -1;
    c.replies[i] = Math.min(2, t.agent_replies);
    c.reopened[i] = t.reopens >= 1 ? 1 : 0;
    c.satisfaction[i] = t.satisfaction === 'good' ? SAT_GOOD : t.satisfaction === 'bad' ? SAT_BAD : 0;
    c.firstReply[i] = t.first_reply_minutes ?? NaN;
    c.fullResolution[i] = t.full_resolution_minutes ?? NaN;
    c.escalated[i] = t.priority === 'urgent' || t.group_stations > 1 || t.tags.includes('escalated') ? 1 : 0;
  }
  return c;
}

/** First index whose value is >= x, in an ascending array. */
export function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function maxOf(a: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < a.length; i++) if ((a[i] as number) > m) m = a[i] as number;
  return m;
}
