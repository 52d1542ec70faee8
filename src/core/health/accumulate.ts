/**
 * The raw figures behind account health, for every account at once: one scan over each of the
 * prepared columns (tickets by created_at, tickets by solved_at, sessions by start), adding into
 * per-account typed arrays. The tenant's totals come out of the same scan.
 *
 * The same scans run over one account's rows alone (gathered through a grouping index built once
 * per dataset), so one account's figures cost only its own tickets and sessions; the tenant totals
 * they are compared with come from a cache the whole-tenant scans fill.
 */
import { DAY_MS } from '../dataset';
import { FOLLOWED, HELP_SEEKING, lowerBound, SAT_BAD, SAT_GOOD, type PreparedDataset } from '../prepare';
import type { Ticket } from '../records';
import { medianInPlace } from '../stats';

/** Days of the volume trend's comparison period, before the health window. */
export const PRIOR_DAYS = 90;
/** Active portal users are counted over the last 30 days, as METRICS.md's MAU. */
export const ACTIVE_USER_DAYS = 30;

/** Per-account figures (index = account index) with the tenant's totals in the same shape. */
export interface HealthFigures {
  asOf: number;
  windowDays: number;
  /** Days of the prior period the data actually covers (≤ PRIOR_DAYS). */
  priorDays: number;
  accounts: number;
  created: Int32Array;
  createdPrior: Int32Array;
  sentimentSum: Float64Array;
  solved: Int32Array;
  touched: Int32Array;
  oneTouch: Int32Array;
  reopened: Int32Array;
  good: Int32Array;
  bad: Int32Array;
  /** Sum of predicted P(good) over solved tickets; meaningful only when `hasPredictions`. */
  predictedSum: Float64Array;
  hasPredictions: boolean;
  /** Median full resolution minutes of tickets solved in the window; NaN when none. */
  medianResolution: Float64Array;
  /** Tickets the median was taken over. */
  resolved: Int32Array;
  open: Int32Array;
  urgentOpen: Int32Array;
  /** created_at of the oldest ticket open at asOf; Infinity when none. */
  oldestOpen: Float64Array;
  /** Σ over open tickets of (urgent ? 2 : 1) × (1 + min(age days, 28) / 7). */
  backlogLoad: Float64Array;
  helpSeeking: Int32Array;
  followed: Int32Array;
  activeUsers: Int32Array;
  tenant: TenantFigures;
}

export interface TenantFigures {
  created: number;
  createdPrior: number;
  sentimentSum: number;
  sentimentSquares: number;
  solved: number;
  touched: number;
  oneTouch: number;
  reopened: number;
  good: number;
  bad: number;
  medianResolution: number | null;
  open: number;
  backlogLoad: number;
  helpSeeking: number;
  followed: number;
  activeUsers: number;
}

/** Tickets by created_at: the columns health reads. */
interface CreatedRows {
  time: Float64Array;
  account: Int32Array;
  sentiment: Float32Array;
  /** solved_at; Infinity when unsolved. */
  solvedAt: Float64Array;
  urgent: Uint8Array;
}

/** Solved tickets by solved_at. */
interface SolvedRows {
  time: Float64Array;
  account: Int32Array;
  replies: Uint8Array;
  reopened: Uint8Array;
  satisfaction: Uint8Array;
  fullResolution: Float64Array;
  predicted: Float64Array | null;
}

/** Portal sessions by start. */
interface SessionRows {
  start: Float64Array;
  end: Float64Array;
  account: Int32Array;
  flags: Uint8Array;
  visitor: Int32Array;
  /** Visitor indices are below this. */
  visitors: number;
}

/** What the scans read: the whole tenant's rows, or one account's (as account 0). */
interface HealthColumns {
  accounts: number;
  dataFrom: number | null;
  maxSessionMs: number;
  created: CreatedRows;
  solved: SolvedRows;
  sessions: SessionRows;
}

/** Rows of each order grouped by account: account a's are `rows[start[a] .. start[a + 1])`, in order. */
export interface RowGroups {
  start: Int32Array;
  rows: Int32Array;
}

/** Row indices (ascending) of each account, per prepared order. */
export interface AccountRowIndex {
  created: RowGroups;
  solved: RowGroups;
  sessions: RowGroups;
}

const tenantColumnsCache = new WeakMap<PreparedDataset, HealthColumns>();
const rowIndexCache = new WeakMap<PreparedDataset, AccountRowIndex>();
/** Tenant totals by `${windowDays}|${asOf}`, filled by every whole-tenant scan. */
const tenantCache = new WeakMap<PreparedDataset, Map<string, TenantFigures>>();
/** A server asks for one as-of per dataset; a caller sweeping as-of times must not grow this without end. */
const MAX_CACHED_TENANTS = 512;

/** The whole tenant's columns: prepare's own arrays plus two it does not keep, built once. */
function tenantColumns(p: PreparedDataset): HealthColumns {
  let cols = tenantColumnsCache.get(p);
  if (cols === undefined) {
    const c = p.created;
    const n = c.tickets.length;
    const solvedAt = new Float64Array(n);
    const urgent = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const t = c.tickets[i] as Ticket;
      solvedAt[i] = t.solved_at ?? Infinity;
      urgent[i] = t.priority === 'urgent' ? 1 : 0;
    }
    const s = p.solved;
    cols = {
      accounts: p.accountIndex.size,
      dataFrom: p.dataFrom,
      maxSessionMs: p.maxSessionMs,
      created: { time: c.time, account: c.account, sentiment: c.sentiment, solvedAt, urgent },
      solved: {
        time: s.time,
        account: s.account,
        replies: s.replies,
        reopened: s.reopened,
        satisfaction: s.satisfaction,
        fullResolution: s.fullResolution,
        predicted: p.solvedPredictions,
      },
      sessions: {
        start: p.sessStart,
        end: p.sessEnd,
        account: p.sessAccount,
        flags: p.sessFlags,
        visitor: p.sessVisitor,
        visitors: p.visitorCount,
      },
    };
    tenantColumnsCache.set(p, cols);
  }
  return cols;
}

/** A stable counting sort of row indices by account; rows without an account are left out. */
function groupRows(account: Int32Array, accounts: number): RowGroups {
  const start = new Int32Array(accounts + 1);
  for (let i = 0; i < account.length; i++) {
    const a = account[i] as number;
    if (a >= 0) start[a + 1] = (start[a + 1] as number) + 1;
  }
  for (let a = 0; a < accounts; a++) start[a + 1] = (start[a + 1] as number) + (start[a] as number);
  const next = start.slice(0, accounts);
  const rows = new Int32Array(start[accounts] as number);
  for (let i = 0; i < account.length; i++) {
    const a = account[i] as number;
    if (a < 0) continue;
    rows[next[a] as number] = i;
    next[a] = (next[a] as number) + 1;
  }
  return { start, rows };
}

/** Each account's rows of every order, built once per prepared dataset. */
export function accountRowIndex(p: PreparedDataset): AccountRowIndex {
  let x = rowIndexCache.get(p);
  if (x === undefined) {
    const n = p.accountIndex.size;
    x = {
      created: groupRows(p.created.account, n),
      solved: groupRows(p.solved.account, n),
      sessions: groupRows(p.sessAccount, n),
    };
    rowIndexCache.set(p, x);
  }
  return x;
}

/** Account a's row indices in one order. */
export const rowsOf = (g: RowGroups, a: number): Int32Array =>
  g.rows.subarray(g.start[a] as number, g.start[a + 1] as number);

function gather<T extends Float64Array | Float32Array | Int32Array | Uint8Array>(
  src: T,
  rows: Int32Array,
): T {
  const out = new (src.constructor as new (n: number) => T)(rows.length);
  for (let j = 0; j < rows.length; j++) out[j] = src[rows[j] as number] as number;
  return out;
}

/** Account a's rows alone, as account 0 with its visitors renumbered from 0. */
function accountColumns(p: PreparedDataset, a: number): HealthColumns {
  const all = tenantColumns(p);
  const index = accountRowIndex(p);
  const cr = rowsOf(index.created, a);
  const sr = rowsOf(index.solved, a);
  const vr = rowsOf(index.sessions, a);
  const visitors = new Map<number, number>();
  const visitor = new Int32Array(vr.length);
  for (let j = 0; j < vr.length; j++) {
    const v = all.sessions.visitor[vr[j] as number] as number;
    let local = visitors.get(v);
    if (local === undefined) visitors.set(v, (local = visitors.size));
    visitor[j] = local;
  }
  const c = all.created;
  const s = all.solved;
  const e = all.sessions;
  return {
    accounts: 1,
    dataFrom: all.dataFrom,
    maxSessionMs: all.maxSessionMs,
    created: {
      time: gather(c.time, cr),
      account: new Int32Array(cr.length),
      sentiment: gather(c.sentiment, cr),
      solvedAt: gather(c.solvedAt, cr),
      urgent: gather(c.urgent, cr),
    },
    solved: {
      time: gather(s.time, sr),
      account: new Int32Array(sr.length),
      replies: gather(s.replies, sr),
      reopened: gather(s.reopened, sr),
      satisfaction: gather(s.satisfaction, sr),
      fullResolution: gather(s.fullResolution, sr),
      predicted: s.predicted === null ? null : gather(s.predicted, sr),
    },
    sessions: {
      start: gather(e.start, vr),
      end: gather(e.end, vr),
      account: new Int32Array(vr.length),
      flags: gather(e.flags, vr),
      visitor,
      visitors: visitors.size,
    },
  };
}

/**
 * The tickets that can be open at or after `from`: those not solved before it, in created order.
 * Every backlog at a later as-of is a prefix of these, skipping the ones solved by then.
 */
function openSince(c: CreatedRows, from: number): CreatedRows {
  let n = 0;
  for (let i = 0; i < c.solvedAt.length; i++) if ((c.solvedAt[i] as number) >= from) n++;
  const rows = new Int32Array(n);
  n = 0;
  for (let i = 0; i < c.solvedAt.length; i++) if ((c.solvedAt[i] as number) >= from) rows[n++] = i;
  return {
    time: gather(c.time, rows),
    account: gather(c.account, rows),
    sentiment: gather(c.sentiment, rows),
    solvedAt: gather(c.solvedAt, rows),
    urgent: gather(c.urgent, rows),
  };
}

function checkTimes(windowDays: number, times: readonly number[]): void {
  if (!(windowDays > 0) || !Number.isFinite(windowDays))
    throw new Error(`health_window_days must be a positive number, got ${windowDays}`);
  for (const t of times) if (!Number.isFinite(t)) throw new Error(`asOf must be a finite time, got ${t}`);
}

const tenantKey = (windowDays: number, asOf: number) => `${windowDays}|${asOf}`;

function remember(p: PreparedDataset, f: HealthFigures): void {
  let m = tenantCache.get(p);
  if (m === undefined) tenantCache.set(p, (m = new Map()));
  if (m.size >= MAX_CACHED_TENANTS) m.clear();
  m.set(tenantKey(f.windowDays, f.asOf), f.tenant);
}

/** Window [asOf − windowDays, asOf), its prior period, the open backlog at asOf and active portal users. */
export function healthFigures(p: PreparedDataset, windowDays: number, asOf: number): HealthFigures {
  checkTimes(windowDays, [asOf]);
  const cols = tenantColumns(p);
  const f = figuresOf(cols, windowDays, asOf, cols.created, emptyFigures(cols), scratchFor(cols));
  remember(p, f);
  return f;
}

/**
 * {@link healthFigures} at each of `times`, sharing the work: the backlog of every time is read
 * from the tickets still open at the earliest one instead of the whole history, and the buffers
 * are reused, so `visit` must not keep the figures it is given (their tenant totals it may).
 */
export function eachHealthFigures(
  p: PreparedDataset,
  windowDays: number,
  times: readonly number[],
  visit: (f: HealthFigures, k: number) => void,
): void {
  checkTimes(windowDays, times);
  if (times.length === 0) return;
  const cols = tenantColumns(p);
  const open = openSince(cols.created, Math.min(...times));
  const f = emptyFigures(cols);
  const scratch = scratchFor(cols);
  times.forEach((at, k) => {
    figuresOf(cols, windowDays, at, open, f, scratch);
    remember(p, f);
    visit(f, k);
  });
}

/** The tenant totals at each of `times`, from the cache; one shared whole-tenant pass fills the times it lacks. */
export function tenantFiguresAt(
  p: PreparedDataset,
  windowDays: number,
  times: readonly number[],
): TenantFigures[] {
  checkTimes(windowDays, times);
  const tenants = times.map((t) => tenantCache.get(p)?.get(tenantKey(windowDays, t)));
  const missing = times.flatMap((_, k) => (tenants[k] === undefined ? [k] : []));
  eachHealthFigures(
    p,
    windowDays,
    missing.map((k) => times[k] as number),
    (f, j) => (tenants[missing[j] as number] = f.tenant),
  );
  return tenants as TenantFigures[];
}

/** Account a's figures at each of `times`, as index 0, from its own rows and the cached tenant totals. */
export function accountFiguresAt(
  p: PreparedDataset,
  a: number,
  windowDays: number,
  times: readonly number[],
): HealthFigures[] {
  const tenants = tenantFiguresAt(p, windowDays, times);
  const cols = accountColumns(p, a);
  const scratch = scratchFor(cols);
  return times.map((at, k) => ({
    ...figuresOf(cols, windowDays, at, cols.created, emptyFigures(cols), scratch),
    tenant: tenants[k] as TenantFigures,
  }));
}

/** Buffers the scans reuse from one as-of to the next. */
interface Scratch {
  /** Per visitor: the first account seen, −2 for none yet. */
  visitorAccount: Int32Array;
  /** Per account: start of its resolution times in `grouped`, then the next free slot. */
  perAccount: Int32Array;
  next: Int32Array;
  all: Float64Array;
  grouped: Float64Array;
  one: Float64Array;
}

function scratchFor(cols: HealthColumns): Scratch {
  return {
    visitorAccount: new Int32Array(cols.sessions.visitors),
    perAccount: new Int32Array(cols.accounts + 1),
    next: new Int32Array(cols.accounts),
    all: new Float64Array(0),
    grouped: new Float64Array(0),
    one: new Float64Array(0),
  };
}

function emptyFigures(cols: HealthColumns): HealthFigures {
  const nA = cols.accounts;
  return {
    asOf: NaN,
    windowDays: NaN,
    priorDays: NaN,
    accounts: nA,
    created: new Int32Array(nA),
    createdPrior: new Int32Array(nA),
    sentimentSum: new Float64Array(nA),
    solved: new Int32Array(nA),
    touched: new Int32Array(nA),
    oneTouch: new Int32Array(nA),
    reopened: new Int32Array(nA),
    good: new Int32Array(nA),
    bad: new Int32Array(nA),
    predictedSum: new Float64Array(nA),
    hasPredictions: cols.solved.predicted !== null,
    medianResolution: new Float64Array(nA),
    resolved: new Int32Array(nA),
    open: new Int32Array(nA),
    urgentOpen: new Int32Array(nA),
    oldestOpen: new Float64Array(nA),
    backlogLoad: new Float64Array(nA),
    helpSeeking: new Int32Array(nA),
    followed: new Int32Array(nA),
    activeUsers: new Int32Array(nA),
    tenant: emptyTenant(),
  };
}

const emptyTenant = (): TenantFigures => ({
  created: 0,
  createdPrior: 0,
  sentimentSum: 0,
  sentimentSquares: 0,
  solved: 0,
  touched: 0,
  oneTouch: 0,
  reopened: 0,
  good: 0,
  bad: 0,
  medianResolution: null,
  open: 0,
  backlogLoad: 0,
  helpSeeking: 0,
  followed: 0,
  activeUsers: 0,
});

/** The scans of one as-of into `f`; `open` holds (at least) every ticket of `cols` that may be open at asOf. */
function figuresOf(
  cols: HealthColumns,
  windowDays: number,
  asOf: number,
  open: CreatedRows,
  f: HealthFigures,
  scratch: Scratch,
): HealthFigures {
  const from = asOf - windowDays * DAY_MS;
  const priorFrom = from - PRIOR_DAYS * DAY_MS;
  const dataFrom = cols.dataFrom ?? from;
  f.asOf = asOf;
  f.windowDays = windowDays;
  f.priorDays = Math.max(0, (from - Math.max(priorFrom, Math.min(dataFrom, from))) / DAY_MS);
  for (const x of [
    f.created,
    f.createdPrior,
    f.sentimentSum,
    f.solved,
    f.touched,
    f.oneTouch,
    f.reopened,
    f.good,
    f.bad,
    f.predictedSum,
    f.resolved,
    f.open,
    f.urgentOpen,
    f.backlogLoad,
    f.helpSeeking,
    f.followed,
    f.activeUsers,
  ])
    x.fill(0);
  f.medianResolution.fill(NaN);
  f.oldestOpen.fill(Infinity);
  // A fresh object: the tenant totals outlive the reused buffers in the cache.
  f.tenant = emptyTenant();
  addCreated(cols.created, f, priorFrom, from, asOf);
  addBacklog(open, f, asOf);
  addSolved(cols.solved, f, from, asOf, scratch);
  addSessions(cols, f, from, asOf, scratch);
  return f;
}

function addCreated(c: CreatedRows, f: HealthFigures, priorFrom: number, from: number, asOf: number): void {
  const t = f.tenant;
  const end = lowerBound(c.time, asOf);
  const w0 = lowerBound(c.time, from);
  for (let i = lowerBound(c.time, priorFrom); i < w0; i++) {
    const a = c.account[i] as number;
    t.createdPrior++;
    if (a >= 0) f.createdPrior[a] = (f.createdPrior[a] as number) + 1;
  }
  for (let i = w0; i < end; i++) {
    const a = c.account[i] as number;
    const s = c.sentiment[i] as number;
    t.created++;
    t.sentimentSum += s;
    t.sentimentSquares += s * s;
    if (a < 0) continue;
    f.created[a] = (f.created[a] as number) + 1;
    f.sentimentSum[a] = (f.sentimentSum[a] as number) + s;
  }
}

/** The backlog at asOf: everything created before it and not solved by then, however old. */
function addBacklog(c: CreatedRows, f: HealthFigures, asOf: number): void {
  const t = f.tenant;
  for (let i = 0, end = lowerBound(c.time, asOf); i < end; i++) {
    if ((c.solvedAt[i] as number) < asOf) continue;
    const created = c.time[i] as number;
    const u = c.urgent[i] as number;
    const ageDays = (asOf - created) / DAY_MS;
    const load = (1 + u) * (1 + Math.min(ageDays, 28) / 7);
    t.open++;
    t.backlogLoad += load;
    const a = c.account[i] as number;
    if (a < 0) continue;
    f.open[a] = (f.open[a] as number) + 1;
    f.urgentOpen[a] = (f.urgentOpen[a] as number) + u;
    if (created < (f.oldestOpen[a] as number)) f.oldestOpen[a] = created;
    f.backlogLoad[a] = (f.backlogLoad[a] as number) + load;
  }
}
function addSolved(s: SolvedRows, f: HealthFigures, from: number, asOf: number, scratch: Scratch): void {
  const t = f.tenant;
  const pred = s.predicted;
  const i0 = lowerBound(s.time, from);
  const i1 = lowerBound(s.time, asOf);
  // Resolution times grouped by account (a counting sort), so each account's median is a quickselect.
  const perAccount = scratch.perAccount.fill(0);
  if (scratch.all.length < i1 - i0) {
    scratch.all = new Float64Array(i1 - i0);
    scratch.grouped = new Float64Array(i1 - i0);
    scratch.one = new Float64Array(i1 - i0);
  }
  const all = scratch.all;
  let allN = 0;
  for (let i = i0; i < i1; i++) {
    const a = s.account[i] as number;
    const replies = s.replies[i] as number;
    const reopened = s.reopened[i] as number;
    const sat = s.satisfaction[i] as number;
    const good = sat === SAT_GOOD ? 1 : 0;
    const bad = sat === SAT_BAD ? 1 : 0;
    const oneTouch = replies === 1 && reopened === 0 ? 1 : 0;
    const touched = replies >= 1 ? 1 : 0;
    t.solved++;
    t.touched += touched;
    t.oneTouch += oneTouch;
    t.reopened += reopened;
    t.good += good;
    t.bad += bad;
    const r = s.fullResolution[i] as number;
    if (r === r) {
      all[allN++] = r;
      if (a >= 0) perAccount[a + 1] = (perAccount[a + 1] as number) + 1;
    }
    if (a < 0) continue;
    f.solved[a] = (f.solved[a] as number) + 1;
    f.touched[a] = (f.touched[a] as number) + touched;
    f.oneTouch[a] = (f.oneTouch[a] as number) + oneTouch;
    f.reopened[a] = (f.reopened[a] as number) + reopened;
    f.good[a] = (f.good[a] as number) + good;
    f.bad[a] = (f.bad[a] as number) + bad;
    if (pred) f.predictedSum[a] = (f.predictedSum[a] as number) + (pred[i] as number);
  }
  for (let a = 0; a < f.accounts; a++)
    perAccount[a + 1] = (perAccount[a + 1] as number) + (perAccount[a] as number);
  const { grouped, one } = scratch;
  const next = scratch.next;
  next.set(perAccount.subarray(0, f.accounts));
  for (let i = i0; i < i1; i++) {
    const a = s.account[i] as number;
    const r = s.fullResolution[i] as number;
    if (a < 0 || r !== r) continue;
    grouped[next[a] as number] = r;
    next[a] = (next[a] as number) + 1;
  }
  for (let a = 0; a < f.accounts; a++) {
    const lo = perAccount[a] as number;
    const n = (perAccount[a + 1] as number) - lo;
    f.resolved[a] = n;
    if (n === 0) continue;
    // Copied to the front of a scratch buffer rather than viewed through a subarray: no allocation.
    for (let j = 0; j < n; j++) one[j] = grouped[lo + j] as number;
    f.medianResolution[a] = medianInPlace(one, n) as number;
  }
  t.medianResolution = medianInPlace(all, allN);
}

function addSessions(
  cols: HealthColumns,
  f: HealthFigures,
  from: number,
  asOf: number,
  scratch: Scratch,
): void {
  const t = f.tenant;
  const e = cols.sessions;
  const activeFrom = asOf - ACTIVE_USER_DAYS * DAY_MS;
  const first = lowerBound(e.start, Math.min(from, activeFrom - cols.maxSessionMs));
  const end = lowerBound(e.start, asOf);
  // A visitor usually belongs to one account: remember that one, and fall back to a set of pairs.
  const visitorAccount = scratch.visitorAccount.fill(-2);
  const pairs = new Set<number>();
  for (let i = first; i < end; i++) {
    const a = e.account[i] as number;
    const start = e.start[i] as number;
    if (start >= from) {
      const flags = e.flags[i] as number;
      if (flags & HELP_SEEKING) {
        const followed = flags & FOLLOWED ? 1 : 0;
        t.helpSeeking++;
        t.followed += followed;
        if (a >= 0) {
          f.helpSeeking[a] = (f.helpSeeking[a] as number) + 1;
          f.followed[a] = (f.followed[a] as number) + followed;
        }
      }
    }
    if ((e.end[i] as number) < activeFrom) continue;
    const v = e.visitor[i] as number;
    const seen = visitorAccount[v] as number;
    if (seen === -2) {
      visitorAccount[v] = a;
      t.activeUsers++;
      if (a >= 0) f.activeUsers[a] = (f.activeUsers[a] as number) + 1;
    } else if (seen !== a && a >= 0) {
      const key = v * f.accounts + a;
      if (!pairs.has(key)) {
        pairs.add(key);
        f.activeUsers[a] = (f.activeUsers[a] as number) + 1;
      }
    }
  }
}
