import { columnarDataset, DAY_MS, MINUTE_MS, type ColumnarDataset, type Dataset } from './dataset';
import { eventAt, type EventTable } from './event-table';
import { normalizeQuery } from './queries';
import { scoreSolvedTickets, type CsatModelInfo } from './predict/csat-model';
import type { TicketFacts } from './ticket-facts';
import { CHANNELS, DEVICES, type Account, type PortalEvent, type Ticket } from './records';
import { float32s, float64s, int32s, uint8s, zeroedBuffer } from './columns';
import { orderByKey } from './order';
import { RangeSelect } from './stats';
import { EV_CLICKED, EV_ZERO_RESULT, groupByVisitor, TYPE_CODE, type EventColumns } from './event-columns';
import type { Session } from './sessions';
import type { Settings } from './settings';

// Module-local copies: an imported binding is a property read on every use in a hot loop.
const ZERO_RESULT = EV_ZERO_RESULT;
const CLICKED = EV_CLICKED;

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
  /** Sentiment of subject + description in [-1, 1] (`sentimentScore`). */
  sentiment: Float32Array;
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
  /** The events as given; sessions index their rows through `eventOrder`. */
  events: EventTable;
  /** occurred_at of each event, in `eventOrder` order (the event at position k is row `eventOrder[k]` of `events`). */
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
  /** Distinct normalized queries of content-gap searches (zero results, or followed by a ticket). */
  gapQueries: string[];
  /** Session i's content-gap searches: `gapQueries` indices `sessGapQuery[sessGapStart[i] .. sessGapStart[i + 1])`. */
  sessGapStart: Int32Array;
  sessGapQuery: Int32Array;
  maxSessionMs: number;
  /** Session lengths in minutes, by session, indexed for the median of any range of sessions. */
  sessMinutes: RangeSelect;
  /** Running totals over sessions in start order (`x[i]` = sum over sessions [0, i)), for windows without a segment. */
  sessTotals: Totals<'mobile' | 'helpSeeking' | 'followed' | 'searches' | 'searchSuccess' | 'zeroResult'>;
  visitorCount: number;
  requesterCount: number;
  /** Account index → id. */
  accountIds: string[];
  /** All tickets by created_at. */
  created: TicketColumns;
  /** Solved tickets (solved_at set) by solved_at. */
  solved: TicketColumns;
  /** first_reply_minutes / full_resolution_minutes of `solved` (NaN when unknown), indexed for medians. */
  solvedFirstReply: RangeSelect;
  /** Running totals over `created` and over `solved`, like `sessTotals`. */
  createdTotals: Totals<'escalated' | 'repeat'>;
  solvedTotals: Totals<'touched' | 'oneTouch' | 'reopened' | 'good' | 'bad'>;
  /** Per ticket of `created`: position of the same requester's previous ticket there, or -1. */
  createdPrevSameRequester: Int32Array;
  solvedFullResolution: RangeSelect;
  /** P(good) of each solved ticket (same order as `solved`), or null without a trained model. */
  solvedPredictions: Float64Array | null;
  csatModel: PredictedCsatModelInfo;
  /** P(good) of any one ticket, solved or not, by the tenant's model; null without one. */
  csatPredictor: ((t: Ticket) => number) | null;
  /** Newest timestamp in the data, epoch ms. */
  dataAsOf: number | null;
  /** Oldest timestamp in the data, epoch ms. */
  dataFrom: number | null;
}

/** Running totals: `x[i]` is the sum of a count over items [0, i), so any range sums in O(1). */
export type Totals<K extends string> = Record<K, Int32Array>;

/** Predicted-CSAT model facts the report needs besides the per-ticket predictions. */
export type PredictedCsatModelInfo = CsatModelInfo;

/** Trains the tenant's predicted-CSAT model once, at prepare time, and scores every solved ticket. */
export type SolvedTicketScorer = (
  solved: Ticket[],
  sentiment: Float32Array,
) => {
  model: PredictedCsatModelInfo;
  predictions: Float64Array | null;
  predictor?: ((t: Ticket) => number) | null;
};

/** {@link prepareColumns} for a dataset of objects (tests, the browser's live mode), through the same builder. */
export function prepareDataset(
  data: Dataset,
  settings: Settings,
  scoreSolved: SolvedTicketScorer = scoreSolvedTickets,
): PreparedDataset {
  return prepareColumns(columnarDataset(data), settings, scoreSolved);
}

export function prepareColumns(
  data: ColumnarDataset,
  settings: Settings,
  scoreSolved: SolvedTicketScorer = scoreSolvedTickets,
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
  // The input's account numbers → ours, assigned on first use: accounts first, then in created
  // order of the tickets, then in order of first appearance in the events, each id looked up once.
  const accountOf = int32s(data.accountIds.length).fill(UNSEEN);
  const ourAccount = (a: number): number => {
    if (a < 0) return -1;
    let i = accountOf[a] as number;
    if (i === UNSEEN) accountOf[a] = i = internAccount(data.accountIds[a] as string);
    return i;
  };
  const personAccount = data.personAccount;
  const facts = data.ticketFacts;
  // Requesters and event persons share numbers: a person's requester index is its own.
  const requesters = data.personIds.length;
  const created = ticketColumns(
    data.tickets,
    timeOrder(data.tickets, (t) => t.created_at),
    (t) => t.created_at,
    facts,
    (i, r) => {
      const own = facts.account[i] as number;
      return ourAccount(own >= 0 ? own : (personAccount[r] as number));
    },
  );
  markRepeats(created, requesters);
  const byRequester = ticketTimesByRequester(created, requesters);
  const solved = solvedColumns(created);
  const solvedOrder = solved.tickets;
  const scored = scoreSolved(solvedOrder, solved.sentiment);

  const W = settings.ticket_after_portal_hours * 3_600_000;
  const events = data.events;
  for (let j = 0; j < events.accountOrder.length; j++) ourAccount(events.accountOrder[j] as number);
  // From here on the event columns are in `order`: position k holds table row order[k].
  const { order, columns: ev } = groupByVisitor(events, accountOf);
  const raw = cutSessions(ev, settings.session_gap_minutes * MINUTE_MS);
  const n = raw.first.length;
  // Sessions by start; ties in any order, since every metric aggregates commutatively.
  const rawStart = float64s(n);
  for (let i = 0; i < n; i++) rawStart[i] = ev.time[raw.first[i] as number] as number;
  const perm = orderByKey(rawStart);
  // Per person seen in the events: the account of its person record.
  const eventPersonAccount = int32s(requesters);
  for (let j = 0; j < events.personOrder.length; j++) {
    const person = events.personOrder[j] as number;
    eventPersonAccount[person] = ourAccount(personAccount[person] as number);
  }

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
    sessFirst: int32s(n),
    sessLast: int32s(n),
    sessStart: float64s(n),
    sessEnd: float64s(n),
    sessVisitor: int32s(n),
    sessPerson: int32s(n),
    sessAccount: int32s(n),
    sessDevice: uint8s(n),
    sessFlags: uint8s(n),
    sessSearches: int32s(n),
    sessSearchSuccess: int32s(n),
    sessZeroResult: int32s(n),
    sessTypes: uint8s(n),
    gapQueries: [],
    sessGapStart: int32s(n + 1),
    sessGapQuery: int32s(0),
    maxSessionMs: 0,
    sessMinutes: new RangeSelect(float64s(0)),
    sessTotals: sessionTotals(0),
    visitorCount: 0,
    requesterCount: requesters,
    accountIds: [],
    created,
    solved,
    solvedFirstReply: new RangeSelect(solved.firstReply),
    createdTotals: createdTotals(created),
    solvedTotals: solvedTotals(solved),
    createdPrevSameRequester: previousOfSameRequester(created, requesters),
    solvedFullResolution: new RangeSelect(solved.fullResolution),
    solvedPredictions: scored.predictions,
    csatModel: scored.model,
    csatPredictor: scored.predictor ?? null,
    dataAsOf: null,
    dataFrom: null,
  };
  const SEARCH = TYPE_CODE.get('search') as number;
  const ARTICLE = TYPE_CODE.get('article_view') as number;
  const SUBMIT = TYPE_CODE.get('ticket_submit') as number;
  // Sessions are worked out in visitor order, where their events lie one after another in the
  // columns, into arrays in that order; each is then permuted into start order on its own: a
  // gather over a few MB instead of hops through ~100 MB of event columns for every session.
  const { time: evTime, type: evType, person: evPerson, account: evAccount, flags: evFlags } = ev;
  const { first: rawFirst, last: rawLast } = raw;
  const rawEnd = float64s(n);
  const rawPerson = int32s(n);
  const rawAccount = int32s(n);
  const rawDevice = uint8s(n);
  const rawFlags = uint8s(n);
  const rawSearches = int32s(n);
  const rawSuccess = int32s(n);
  const rawZero = int32s(n);
  const rawTypes = uint8s(n);
  let maxSessionMs = 0;
  for (let r = 0; r < n; r++) {
    const first = rawFirst[r] as number;
    const last = rawLast[r] as number;
    const start = evTime[first] as number;
    const end = evTime[last] as number;
    rawEnd[r] = end;
    if (end - start > maxSessionMs) maxSessionMs = end - start;
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
      if (person < 0) person = evPerson[k] as number;
      if (account < 0) account = evAccount[k] as number;
      const type = evType[k] as number;
      types |= 1 << type;
      if (type === SEARCH) {
        help = true;
        searches++;
        const f = evFlags[k] as number;
        if (f & ZERO_RESULT) zero++;
        // A search succeeds by its own click or by an article_view before the next search.
        if (f & CLICKED) {
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
    if (account < 0 && person >= 0) account = eventPersonAccount[person] as number;
    const followed = submit || (person >= 0 && byRequester.hasTicketBetween(person, start, end + W));
    rawPerson[r] = person;
    rawAccount[r] = account;
    rawDevice[r] = ev.device[first] as number;
    rawFlags[r] = (help ? HELP_SEEKING : 0) | (followed ? FOLLOWED : 0);
    rawSearches[r] = searches;
    rawSuccess[r] = success;
    rawZero[r] = zero;
    rawTypes[r] = types;
  }
  gather(p.sessFirst, rawFirst, perm);
  gather(p.sessLast, rawLast, perm);
  gather(p.sessStart, rawStart, perm);
  gather(p.sessEnd, rawEnd, perm);
  gather(p.sessPerson, rawPerson, perm);
  gather(p.sessAccount, rawAccount, perm);
  gather(p.sessDevice, rawDevice, perm);
  gather(p.sessFlags, rawFlags, perm);
  gather(p.sessSearches, rawSearches, perm);
  gather(p.sessSearchSuccess, rawSuccess, perm);
  gather(p.sessZeroResult, rawZero, perm);
  gather(p.sessTypes, rawTypes, perm);
  // Visitors are numbered, and content-gap searches listed, in session start order.
  const { sessFirst, sessLast, sessPerson, sessVisitor, sessFlags, sessSearches, sessZeroResult } = p;
  const sessGapStart = p.sessGapStart;
  const personVisitor = int32s(ev.personIds.length).fill(-1);
  const browserVisitor = int32s(ev.visitorIds.length).fill(-1);
  let visitors = 0;
  const gaps = new GapQueries(events.queries);
  const gapQuery: number[] = [];
  for (let i = 0; i < n; i++) {
    const person = sessPerson[i] as number;
    let v: number;
    if (person >= 0) {
      v = personVisitor[person] as number;
      if (v < 0) personVisitor[person] = v = visitors++;
    } else {
      const b = ev.visitor[sessFirst[i] as number] as number;
      v = browserVisitor[b] as number;
      if (v < 0) browserVisitor[b] = v = visitors++;
    }
    sessVisitor[i] = v;
    const followed = ((sessFlags[i] as number) & FOLLOWED) !== 0;
    if ((sessSearches[i] as number) > 0 && ((sessZeroResult[i] as number) > 0 || followed)) {
      for (let k = sessFirst[i] as number; k <= (sessLast[i] as number); k++) {
        if (evType[k] === SEARCH && (followed || (evFlags[k] as number) & ZERO_RESULT)) {
          const q = gaps.id(events.query[order[k] as number] as number);
          if (q >= 0) gapQuery.push(q);
        }
      }
    }
    sessGapStart[i + 1] = gapQuery.length;
  }
  p.maxSessionMs = maxSessionMs;
  p.visitorCount = visitors;
  const minutes = float64s(n);
  for (let i = 0; i < n; i++)
    minutes[i] = ((p.sessEnd[i] as number) - (p.sessStart[i] as number)) / MINUTE_MS;
  p.sessMinutes = new RangeSelect(minutes);
  p.sessTotals = sessionTotals(n, p);
  p.gapQueries = gaps.queries;
  p.sessGapQuery = int32s(gapQuery.length);
  p.sessGapQuery.set(gapQuery);
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

/** `dst[i] = src[perm[i]]`. */
function gather(
  dst: Float64Array | Int32Array | Uint8Array,
  src: Float64Array | Int32Array | Uint8Array,
  perm: Int32Array,
): void {
  for (let i = 0; i < perm.length; i++) dst[i] = src[perm[i] as number] as number;
}

function sessionTotals(n: number, p?: PreparedDataset): PreparedDataset['sessTotals'] {
  const t = {
    mobile: int32s(n + 1),
    helpSeeking: int32s(n + 1),
    followed: int32s(n + 1),
    searches: int32s(n + 1),
    searchSuccess: int32s(n + 1),
    zeroResult: int32s(n + 1),
  };
  if (!p) return t;
  const mobile = DEVICES.indexOf('mobile');
  for (let i = 0; i < n; i++) {
    const flags = p.sessFlags[i] as number;
    const help = flags & HELP_SEEKING ? 1 : 0;
    t.mobile[i + 1] = (t.mobile[i] as number) + (p.sessDevice[i] === mobile ? 1 : 0);
    t.helpSeeking[i + 1] = (t.helpSeeking[i] as number) + help;
    t.followed[i + 1] = (t.followed[i] as number) + (help && flags & FOLLOWED ? 1 : 0);
    t.searches[i + 1] = (t.searches[i] as number) + (p.sessSearches[i] as number);
    t.searchSuccess[i + 1] = (t.searchSuccess[i] as number) + (p.sessSearchSuccess[i] as number);
    t.zeroResult[i + 1] = (t.zeroResult[i] as number) + (p.sessZeroResult[i] as number);
  }
  return t;
}

function createdTotals(c: TicketColumns): PreparedDataset['createdTotals'] {
  const n = c.time.length;
  const t = { escalated: int32s(n + 1), repeat: int32s(n + 1) };
  for (let i = 0; i < n; i++) {
    t.escalated[i + 1] = (t.escalated[i] as number) + (c.escalated[i] as number);
    t.repeat[i + 1] = (t.repeat[i] as number) + (c.repeat[i] as number);
  }
  return t;
}

function solvedTotals(c: TicketColumns): PreparedDataset['solvedTotals'] {
  const n = c.time.length;
  const t = {
    touched: int32s(n + 1),
    oneTouch: int32s(n + 1),
    reopened: int32s(n + 1),
    good: int32s(n + 1),
    bad: int32s(n + 1),
  };
  for (let i = 0; i < n; i++) {
    const replies = c.replies[i] as number;
    const reopened = c.reopened[i] as number;
    const sat = c.satisfaction[i] as number;
    t.touched[i + 1] = (t.touched[i] as number) + (replies >= 1 ? 1 : 0);
    t.oneTouch[i + 1] = (t.oneTouch[i] as number) + (replies === 1 && reopened === 0 ? 1 : 0);
    t.reopened[i + 1] = (t.reopened[i] as number) + reopened;
    t.good[i + 1] = (t.good[i] as number) + (sat === SAT_GOOD ? 1 : 0);
    t.bad[i + 1] = (t.bad[i] as number) + (sat === SAT_BAD ? 1 : 0);
  }
  return t;
}

/** Distinct requesters of a range [a, b) are the tickets there whose previous one is before a. */
function previousOfSameRequester(c: TicketColumns, requesters: number): Int32Array {
  const last = int32s(requesters).fill(-1);
  const prev = int32s(c.requester.length);
  for (let i = 0; i < prev.length; i++) {
    const r = c.requester[i] as number;
    prev[i] = last[r] as number;
    last[r] = i;
  }
  return prev;
}

/** Session boundaries as positions in columns grouped by visitor, then time; a new session starts after a gap longer than `gapMs` or a new visitor. */
function cutSessions(ev: EventColumns, gapMs: number): { first: Int32Array; last: Int32Array } {
  const events = ev.time.length;
  const first = int32s(events);
  const last = int32s(events);
  let n = 0;
  let prevVisitor = -1;
  let prevTime = 0;
  for (let k = 0; k < events; k++) {
    const v = ev.visitor[k] as number;
    const t = ev.time[k] as number;
    if (v !== prevVisitor || t - prevTime > gapMs) {
      if (k > 0) last[n - 1] = k - 1;
      first[n++] = k;
    }
    prevVisitor = v;
    prevTime = t;
  }
  if (n > 0) last[n - 1] = events - 1;
  return { first: first.subarray(0, n), last: last.subarray(0, n) };
}

/** Indices of tickets ordered by a time, ties by id, so that input order never changes a result. */
function timeOrder(tickets: Ticket[], time: (t: Ticket) => number): Int32Array {
  const key = float64s(tickets.length);
  for (let i = 0; i < tickets.length; i++) key[i] = time(tickets[i] as Ticket);
  return orderByKey(key, (a, b) => compareIds(tickets[a] as Ticket, tickets[b] as Ticket));
}

function compareIds(a: Ticket, b: Ticket): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The solved tickets' columns by solved_at, picked from the created-order columns. */
function solvedColumns(c: TicketColumns): TicketColumns {
  const solvedTickets = c.tickets.filter((t) => t.solved_at !== null);
  const order = orderByKey(solvedAt(solvedTickets), (a, b) =>
    compareIds(solvedTickets[a] as Ticket, solvedTickets[b] as Ticket),
  );
  // Position of each solved ticket in created order.
  const createdPos = int32s(solvedTickets.length);
  for (let i = 0, j = 0; i < c.tickets.length; i++)
    if ((c.tickets[i] as Ticket).solved_at !== null) createdPos[j++] = i;
  const pick = int32s(order.length);
  for (let j = 0; j < order.length; j++) pick[j] = createdPos[order[j] as number] as number;
  const tickets = Array.from(pick, (i) => c.tickets[i] as Ticket);
  return {
    tickets,
    time: solvedAt(tickets),
    account: pickFrom(c.account, pick),
    channel: pickFrom(c.channel, pick),
    requester: pickFrom(c.requester, pick),
    escalated: pickFrom(c.escalated, pick),
    repeat: pickFrom(c.repeat, pick),
    replies: pickFrom(c.replies, pick),
    reopened: pickFrom(c.reopened, pick),
    satisfaction: pickFrom(c.satisfaction, pick),
    firstReply: pickFrom(c.firstReply, pick),
    fullResolution: pickFrom(c.fullResolution, pick),
    sentiment: pickFrom(c.sentiment, pick),
  };
}

function solvedAt(tickets: Ticket[]): Float64Array {
  const at = float64s(tickets.length);
  for (let i = 0; i < tickets.length; i++) at[i] = (tickets[i] as Ticket).solved_at as number;
  return at;
}

function pickFrom<A extends Float64Array | Float32Array | Int32Array | Uint8Array>(
  src: A,
  pick: Int32Array,
): A {
  const out = new (src.constructor as new (buffer: ArrayBufferLike) => A)(
    zeroedBuffer(pick.length * src.BYTES_PER_ELEMENT),
  );
  for (let j = 0; j < pick.length; j++) out[j] = src[pick[j] as number] as number;
  return out;
}

/** Sets `repeat` for tickets whose requester has another ticket created in the 7 days before. */
function markRepeats(c: TicketColumns, requesters: number): void {
  const WEEK = 7 * DAY_MS;
  // Walking in created order: per requester the newest time so far and the newest before it.
  const newest = float64s(requesters).fill(-Infinity);
  const beforeNewest = float64s(requesters).fill(-Infinity);
  for (let i = 0; i < c.time.length; i++) {
    const r = c.requester[i] as number;
    const t = c.time[i] as number;
    const last = newest[r] as number;
    const latestBefore = last < t ? last : (beforeNewest[r] as number);
    if (latestBefore >= t - WEEK) c.repeat[i] = 1;
    if (t > last) {
      beforeNewest[r] = last;
      newest[r] = t;
    }
  }
}

/** created_at of every ticket grouped by requester, each group ascending (created order is). */
function ticketTimesByRequester(
  c: TicketColumns,
  requesters: number,
): { hasTicketBetween: (requester: number, from: number, to: number) => boolean } {
  const offsets = int32s(requesters + 1);
  for (let i = 0; i < c.requester.length; i++) {
    const slot = (c.requester[i] as number) + 1;
    offsets[slot] = (offsets[slot] as number) + 1;
  }
  for (let r = 0; r < requesters; r++) offsets[r + 1] = (offsets[r + 1] as number) + (offsets[r] as number);
  const fill = int32s(requesters);
  fill.set(offsets.subarray(0, requesters));
  const times = float64s(c.time.length);
  for (let i = 0; i < c.time.length; i++) {
    const r = c.requester[i] as number;
    times[fill[r] as number] = c.time[i] as number;
    fill[r] = (fill[r] as number) + 1;
  }
  return {
    hasTicketBetween(requester, from, to) {
      let lo = offsets[requester] as number;
      let hi = offsets[requester + 1] as number;
      const end = hi;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((times[mid] as number) < from) lo = mid + 1;
        else hi = mid;
      }
      return lo < end && (times[lo] as number) <= to;
    },
  };
}

/** The session at position `i` of a prepared dataset, as a {@link Session}. */
export function sessionAt(p: PreparedDataset, i: number): Session {
  const events: PortalEvent[] = [];
  for (let k = p.sessFirst[i] as number; k <= (p.sessLast[i] as number); k++)
    events.push(eventAt(p.events, p.eventOrder[k] as number));
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

/**
 * Content-gap queries interned by normalized text. Queries repeat a lot: each distinct raw query
 * is normalized once, and a report counts small integers instead of hashing strings.
 */
class GapQueries {
  readonly queries: string[] = [];
  private readonly byNormalized = new Map<string, number>();
  /** Per raw query of the event table: its gap query index + 2, or 0 when not seen yet. */
  private readonly byRaw: Int32Array;

  constructor(private readonly raw: readonly string[]) {
    this.byRaw = new Int32Array(raw.length);
  }

  /** Index of the normalized text of raw query `r` (-1: none), or -1 when it normalizes to nothing. */
  id(r: number): number {
    if (r < 0) return -1;
    const seen = this.byRaw[r] as number;
    if (seen !== 0) return seen - 2;
    const q = normalizeQuery(this.raw[r] as string);
    let id = q === '' ? -1 : this.byNormalized.get(q);
    if (id === undefined) {
      id = this.queries.length;
      this.queries.push(q);
      this.byNormalized.set(q, id);
    }
    this.byRaw[r] = id + 2;
    return id;
  }
}

const CHANNEL_INDEX = new Map(CHANNELS.map((c, i) => [c, i]));
const UNSEEN = -2;

/** Columns of `input[order[0]], input[order[1]], …`; `account` gets input index and requester. */
function ticketColumns(
  input: Ticket[],
  order: Int32Array,
  time: (t: Ticket) => number,
  facts: TicketFacts,
  account: (i: number, requester: number) => number,
): TicketColumns {
  const n = order.length;
  const tickets = Array.from(order, (j) => input[j] as Ticket);
  const c: TicketColumns = {
    tickets,
    time: float64s(n),
    account: int32s(n),
    channel: uint8s(n),
    requester: int32s(n),
    escalated: uint8s(n),
    repeat: uint8s(n),
    replies: uint8s(n),
    reopened: uint8s(n),
    satisfaction: uint8s(n),
    firstReply: float64s(n),
    fullResolution: float64s(n),
    sentiment: float32s(n),
  };
  for (let i = 0; i < n; i++) {
    const t = tickets[i] as Ticket;
    c.time[i] = time(t);
    const j = order[i] as number;
    c.channel[i] = CHANNEL_INDEX.get(t.channel) ?? 0;
    const r = facts.requester[j] as number;
    c.requester[i] = r;
    c.account[i] = account(j, r);
    c.replies[i] = Math.min(2, t.agent_replies);
    c.reopened[i] = t.reopens >= 1 ? 1 : 0;
    c.satisfaction[i] = t.satisfaction === 'good' ? SAT_GOOD : t.satisfaction === 'bad' ? SAT_BAD : 0;
    c.firstReply[i] = t.first_reply_minutes ?? NaN;
    c.fullResolution[i] = t.full_resolution_minutes ?? NaN;
    c.sentiment[i] = facts.sentiment[j] as number;
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
