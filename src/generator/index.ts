/**
 * The deterministic, streaming tenant generator: accounts, then people, then tickets and
 * portal events in time order. Time moves day by day; each day's records are buffered
 * only until no later day can add an earlier record, so memory stays flat at any scale.
 */
import type { Account, Person, PulseRecord } from '../core/records';
import { companyDomain, companyName, FIRST_NAMES, LAST_NAMES, PERSONAL_DOMAINS } from './catalog';
import { type DayPlan, type DaySink, generateDay, planDays, sortDay } from './days';
import {
  accountId,
  buildPopulation,
  DAY_MS,
  DETERIORATION_DAYS,
  personId,
  type Population,
} from './population';
import { Rng } from './random';
import { TapTracker } from './tap-tracker';

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

/** The day plan for valid options; a clear error for bad ones. */
export function planFor(opts: GenerateOptions): DayPlan {
  const end = opts.end ?? DEFAULT_END;
  const days = opts.days ?? DEFAULT_DAYS;
  if (!Number.isInteger(opts.tickets) || opts.tickets < 1)
    throw new Error(`tickets must be a positive integer, got ${opts.tickets}`);
  if (!Number.isInteger(days) || days < 1) throw new Error(`days must be a positive integer, got ${days}`);
  return planDays(opts.seed >>> 0, opts.tickets, end, days);
}

export function createGenerator(opts: GenerateOptions): GeneratedTenant {
  const plan = planFor(opts);
  const { seed, start, end, days } = plan;
  let truth: Truth | null = null;

  function* records(): Generator<PulseRecord> {
    const pop = buildPopulation(seed, opts.tickets, end);
    const tracker = new TapTracker();
    const pGood: Record<string, number> = {};
    const counts = { accounts: pop.accountCount, persons: pop.personCount, tickets: 0, portal_events: 0 };
    yield* accountRecords(pop, seed);
    yield* personRecords(pop, seed);

    const buckets = new Map<number, PulseRecord[]>();
    const sink: DaySink = {
      put(r, b) {
        const list = buckets.get(b);
        if (list === undefined) buckets.set(b, [r]);
        else list.push(r);
      },
      rated(n, p) {
        pGood[`t${n}`] = p;
      },
    };

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
      generateDay(plan, pop, d, sink);
      // Nothing generated from now on lands before this day, so yesterday is complete.
      if (d > 0) for (const r of takeDay(d - 1)) yield r;
    }
    for (let b = days - 1; b < days + 2; b++) for (const r of takeDay(b)) yield r;

    truth = buildTruth(plan, pop, counts, tracker, pGood);
  }

  return {
    records,
    truth(): Truth {
      if (truth === null) throw new Error('truth() is complete only once records() has been read to the end');
      return truth;
    },
  };
}

export function* accountRecords(pop: Population, seed: number): Generator<Account> {
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

export function* personRecords(pop: Population, seed: number): Generator<Person> {
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

/** The truth file once every day has been fed to the tracker in time order. */
export function buildTruth(
  plan: DayPlan,
  pop: Population,
  counts: Truth['counts'],
  tracker: TapTracker,
  pGood: Record<string, number>,
): Truth {
  return {
    seed: plan.seed,
    tickets: plan.tickets,
    window: { from: new Date(plan.start).toISOString(), to: new Date(plan.end).toISOString() },
    counts,
    ticket_after_portal_share: tracker.share(),
    help_seeking_sessions: tracker.helpSeeking,
    help_seeking_sessions_followed: tracker.followed,
    deteriorating_accounts: [...Array(pop.accountCount).keys()]
      .filter((a) => pop.deteriorating[a] === 1)
      .map(accountId),
    deterioration_from: new Date(plan.end - DETERIORATION_DAYS * DAY_MS).toISOString(),
    p_good: pGood,
  };
}
