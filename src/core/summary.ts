/**
 * What changed in an account's recent tickets, in a few plain sentences built from the data alone
 * (extractive, offline): frequent subjects, volume, escalations, bad ratings, reopens and the shift
 * in requester sentiment, each against the period of the same length before.
 */
import { DAY_MS } from './dataset';
import { SAT_BAD, SAT_GOOD, type PreparedDataset, type TicketColumns } from './prepare';
import type { Ticket } from './records';
import { accountRowIndex, rowsOf, type AccountRowIndex } from './health/accumulate';
import type { ActivitySummary } from './health/types';

export interface SummaryOptions {
  /** Days of the recent period (the previous period has the same length); default 30. */
  days?: number;
  /** Most frequent subjects named; default 3. */
  topics?: number;
}

/** A subject pattern and how many recent tickets had it. */
export interface SummaryTopic {
  subject: string;
  count: number;
}

export interface PeriodFacts {
  tickets: number;
  escalated: number;
  solved: number;
  reopened: number;
  good: number;
  bad: number;
  /** Mean requester sentiment in [-1, 1] of the tickets created; null when none. */
  sentiment: number | null;
}

/** A sentiment shift smaller than this is "steady". */
export const SENTIMENT_SHIFT = 0.1;

/** Every sentence the summary can say, in one place. */
export const SUMMARY_TEMPLATES = {
  noTickets: (days: number) => `No tickets in the last ${days} days.`,
  volume: (now: number, before: number, days: number) =>
    `${plural(now, 'ticket')} in the last ${days} days, ${
      now === before ? 'the same as' : now > before ? 'up from' : 'down from'
    } ${before} in the ${days} days before.`,
  topics: (topics: SummaryTopic[]) =>
    `Most frequent subjects: ${topics.map((t) => `"${t.subject}" (${t.count})`).join(', ')}.`,
  escalations: (now: number, before: number) =>
    `${plural(now, 'ticket')} escalated (urgent, tagged escalated or passed between groups), against ${before} before.`,
  badRatings: (bad: number, rated: number, badBefore: number, ratedBefore: number) =>
    `${plural(bad, 'bad satisfaction rating')} out of ${rated}, against ${badBefore} of ${ratedBefore} before.`,
  reopens: (reopened: number, solved: number) =>
    `${plural(reopened, 'solved ticket')} of ${solved} ${reopened === 1 ? 'was' : 'were'} reopened.`,
  sentimentShift: (now: number, before: number) =>
    `Requester tone turned ${now < before ? 'more negative' : 'more positive'} (sentiment ${signed(now)} against ${signed(before)} before).`,
  sentimentSteady: (now: number) => `Requester tone is steady (sentiment ${signed(now)}).`,
} as const;

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function signed(x: number): string {
  return (x > 0 ? '+' : '') + x.toFixed(2);
}

/**
 * A subject's pattern: lower-case, reply/forward markers and a short leading label ("URGENT:",
 * "Problem:") dropped, numbers as "#", punctuation and spaces collapsed.
 */
export function subjectPattern(subject: string): string {
  let s = subject.toLowerCase().trim();
  for (;;) {
    const next = s.replace(/^(re|fw|fwd|aw|wg|sv)\s*:\s*/, '').replace(/^[^:]{1,20}:\s+/, '');
    if (next === s) break;
    s = next;
  }
  return s
    .replace(/[0-9]+/g, '#')
    .replace(/[^\p{L}\p{N}#]+/gu, ' ')
    .trim();
}

/** Account a's facts over [from, to), read from its own rows only. */
function periodFacts(
  p: PreparedDataset,
  rows: AccountRowIndex,
  account: number,
  from: number,
  to: number,
  subjects: Map<string, number> | null,
): PeriodFacts {
  const c = p.created;
  let tickets = 0;
  let escalated = 0;
  let sentiment = 0;
  for (const i of rowsIn(rowsOf(rows.created, account), c.time, from, to)) {
    tickets++;
    escalated += c.escalated[i] as number;
    sentiment += c.sentiment[i] as number;
    if (subjects) {
      const key = subjectPattern((c.tickets[i] as Ticket).subject);
      if (key !== '') subjects.set(key, (subjects.get(key) ?? 0) + 1);
    }
  }
  const s: TicketColumns = p.solved;
  let solved = 0;
  let reopened = 0;
  let good = 0;
  let bad = 0;
  for (const i of rowsIn(rowsOf(rows.solved, account), s.time, from, to)) {
    solved++;
    reopened += s.reopened[i] as number;
    if (s.satisfaction[i] === SAT_GOOD) good++;
    else if (s.satisfaction[i] === SAT_BAD) bad++;
  }
  return { tickets, escalated, solved, reopened, good, bad, sentiment: tickets ? sentiment / tickets : null };
}

/** The rows (ascending, so ordered by `time`) whose time is in [from, to). */
function rowsIn(rows: Int32Array, time: Float64Array, from: number, to: number): Int32Array {
  const at = (x: number) => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((time[rows[mid] as number] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return rows.subarray(at(from), at(to));
}

export interface ActivityFacts {
  recent: PeriodFacts;
  previous: PeriodFacts;
  topics: SummaryTopic[];
}

/** The numbers the summary is written from, for the account's last `days` days and the days before. */
export function activityFacts(
  p: PreparedDataset,
  accountId: string,
  asOf: number,
  options: SummaryOptions = {},
): ActivityFacts | null {
  const a = p.accountIndex.get(accountId);
  if (a === undefined) return null;
  const days = options.days ?? 30;
  if (!(days > 0)) throw new Error(`summary days must be positive, got ${days}`);
  const from = asOf - days * DAY_MS;
  const subjects = new Map<string, number>();
  const rows = accountRowIndex(p);
  const recent = periodFacts(p, rows, a, from, asOf, subjects);
  const previous = periodFacts(p, rows, a, from - days * DAY_MS, from, null);
  const topics = [...subjects]
    .filter(([, count]) => count >= 2)
    .map(([subject, count]) => ({ subject, count }))
    .sort((x, y) => y.count - x.count || (x.subject < y.subject ? -1 : x.subject > y.subject ? 1 : 0))
    .slice(0, options.topics ?? 3);
  return { recent, previous, topics };
}

/** A few plain sentences on what changed in the account's recent tickets; null for an unknown account. */
export function activitySummary(
  p: PreparedDataset,
  accountId: string,
  asOf: number,
  options: SummaryOptions = {},
): (ActivitySummary & ActivityFacts) | null {
  const facts = activityFacts(p, accountId, asOf, options);
  if (facts === null) return null;
  const days = options.days ?? 30;
  const T = SUMMARY_TEMPLATES;
  const { recent: r, previous: b, topics } = facts;
  const sentences: string[] = [];
  if (r.tickets === 0) sentences.push(T.noTickets(days));
  else {
    sentences.push(T.volume(r.tickets, b.tickets, days));
    if (topics.length > 0) sentences.push(T.topics(topics));
    if (r.escalated > 0 || b.escalated > 0) sentences.push(T.escalations(r.escalated, b.escalated));
  }
  if (r.bad > 0) sentences.push(T.badRatings(r.bad, r.good + r.bad, b.bad, b.good + b.bad));
  if (r.reopened > 0) sentences.push(T.reopens(r.reopened, r.solved));
  if (r.sentiment !== null) {
    if (b.sentiment !== null && Math.abs(r.sentiment - b.sentiment) >= SENTIMENT_SHIFT)
      sentences.push(T.sentimentShift(r.sentiment, b.sentiment));
    else sentences.push(T.sentimentSteady(r.sentiment));
  }
  return { sentences, ...facts };
}
