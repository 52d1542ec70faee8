/**
 * Who the tenant's customers are: accounts with heavy-tailed sizes and a latent health
 * that drifts, the people in them, and people with no account. Kept in typed arrays so a
 * million-ticket tenant costs a few megabytes of state.
 */
import { AliasTable, Rng } from './random';

export const DAY_MS = 86_400_000;
/** How long before the end deteriorating accounts start to slide. */
export const DETERIORATION_DAYS = 60;
const TICKETS_PER_ACCOUNT = 45;
/** Share of tickets from people without an account. */
const UNAFFILIATED_SHARE = 0.08;
/** Most an account's ticket volume grows while it deteriorates. */
export const MAX_VOLUME_GROWTH = 2.2;

export interface Population {
  accountCount: number;
  /** Relative ticket volume; index accountCount is the no-account pool. */
  weight: Float64Array;
  healthBase: Float64Array;
  phase1: Float64Array;
  phase2: Float64Array;
  deteriorating: Uint8Array;
  createdAt: Float64Array;
  /** People of account a are [personStart[a], personStart[a + 1]); the last range has no account. */
  personStart: Int32Array;
  personCount: number;
  /** Person → account index, or accountCount when the person has none. */
  personAccount: Int32Array;
  /** Alias table over accounts (and the no-account pool) by weight × their peak volume factor. */
  ticketTable: AliasTable;
  end: number;
}

export function buildPopulation(seed: number, tickets: number, end: number): Population {
  const rng = new Rng(seed, 'population');
  const accountCount = Math.max(8, Math.round(tickets / TICKETS_PER_ACCOUNT));
  const weight = new Float64Array(accountCount + 1);
  const healthBase = new Float64Array(accountCount);
  const phase1 = new Float64Array(accountCount);
  const phase2 = new Float64Array(accountCount);
  const deteriorating = new Uint8Array(accountCount);
  const createdAt = new Float64Array(accountCount);
  let total = 0;
  for (let a = 0; a < accountCount; a++) {
    // Pareto(α = 1.2): a few accounts file most tickets, as on real helpdesks.
    const w = Math.min(Math.pow(1 - rng.next(), -1 / 1.2), 400);
    weight[a] = w;
    total += w;
    healthBase[a] = rng.chance(0.15) ? 0.25 + rng.next() * 0.2 : 0.5 + rng.next() * 0.4;
    phase1[a] = rng.next() * 2 * Math.PI;
    phase2[a] = rng.next() * 2 * Math.PI;
    createdAt[a] = end - (400 + rng.int(1500)) * DAY_MS;
  }
  weight[accountCount] = (total * UNAFFILIATED_SHARE) / (1 - UNAFFILIATED_SHARE);

  // About 10% of accounts deteriorate, drawn from the upper half by size so the slide shows.
  const bySize = [...Array(accountCount).keys()].sort(
    (x, y) => (weight[y] as number) - (weight[x] as number),
  );
  const upperHalf = bySize.slice(0, Math.max(1, Math.ceil(accountCount / 2)));
  const wanted = Math.max(1, Math.round(accountCount * 0.1));
  for (let i = 0; i < wanted && upperHalf.length > 0; i++) {
    const pick = upperHalf.splice(rng.int(upperHalf.length), 1)[0] as number;
    deteriorating[pick] = 1;
    healthBase[pick] = Math.max(healthBase[pick] as number, 0.6);
  }

  // People: about one per six expected tickets, at least one per account.
  const grand = total / (1 - UNAFFILIATED_SHARE);
  const personStart = new Int32Array(accountCount + 2);
  let count = 0;
  for (let a = 0; a <= accountCount; a++) {
    personStart[a] = count;
    const expected = (tickets * (weight[a] as number)) / grand;
    count += Math.max(1, Math.round(1 + expected / (a === accountCount ? 2 : 6)));
  }
  personStart[accountCount + 1] = count;
  const personAccount = new Int32Array(count);
  for (let a = 0; a <= accountCount; a++)
    personAccount.fill(a, personStart[a] as number, personStart[a + 1] as number);

  const peak = new Float64Array(accountCount + 1);
  for (let a = 0; a <= accountCount; a++)
    peak[a] = (weight[a] as number) * (deteriorating[a] === 1 ? 1 + MAX_VOLUME_GROWTH : 1);
  return {
    accountCount,
    weight,
    healthBase,
    phase1,
    phase2,
    deteriorating,
    createdAt,
    personStart,
    personCount: count,
    personAccount,
    ticketTable: new AliasTable(peak),
    end,
  };
}

/** How far into its slide a deteriorating account is at time t: 0 before, 1 at the end. */
export function slide(pop: Population, a: number, t: number): number {
  if (a >= pop.accountCount || pop.deteriorating[a] !== 1) return 0;
  const from = pop.end - DETERIORATION_DAYS * DAY_MS;
  return t <= from ? 0 : (t - from) / (DETERIORATION_DAYS * DAY_MS);
}

/** Latent health in [0, 1] of account a at time t: a slow drift around its base, minus any slide. */
export function health(pop: Population, a: number, t: number): number {
  if (a >= pop.accountCount) return 0.62;
  const days = t / DAY_MS;
  const h =
    (pop.healthBase[a] as number) +
    0.1 * Math.sin((2 * Math.PI * days) / 97 + (pop.phase1[a] as number)) +
    0.05 * Math.sin((2 * Math.PI * days) / 23 + (pop.phase2[a] as number)) -
    0.75 * slide(pop, a, t);
  return h < 0 ? 0 : h > 1 ? 1 : h;
}

/** Relative ticket volume of account a at time t against its peak (for rejection sampling). */
export function volumeAcceptance(pop: Population, a: number, t: number): number {
  if (a >= pop.accountCount || pop.deteriorating[a] !== 1) return 1;
  return (1 + MAX_VOLUME_GROWTH * slide(pop, a, t)) / (1 + MAX_VOLUME_GROWTH);
}

/** Relative portal use: unhealthy and sliding accounts visit the help center less. */
export function portalPropensity(pop: Population, a: number, t: number): number {
  return (0.55 + 0.45 * health(pop, a, t)) * (1 - 0.75 * slide(pop, a, t));
}

/** Draws the account of a ticket created at t: by size, with deteriorating accounts rising. */
export function drawTicketAccount(pop: Population, rng: Rng, t: number): number {
  for (;;) {
    const a = pop.ticketTable.sample(rng);
    if (rng.next() < volumeAcceptance(pop, a, t)) return a;
  }
}

/** A person of account a; a few people file most of an account's tickets. */
export function drawPerson(pop: Population, rng: Rng, a: number): number {
  const from = pop.personStart[a] as number;
  const n = (pop.personStart[a + 1] as number) - from;
  const u = rng.next();
  return from + Math.floor(n * u * u);
}

export const accountId = (a: number): string => `org${a + 1}`;
export const personId = (p: number): string => `p${p + 1}`;
