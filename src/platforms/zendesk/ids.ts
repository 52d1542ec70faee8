/**
 * Numeric Zendesk ids derived from our string ids, the same on every run and in every
 * process (the generator's export files and the simulator must agree without sharing
 * state).
 *
 * An id that is a short prefix and a number ("t-000041", "acct_12", "p123") maps to
 * a per-kind base + that number, so ids stay readable and ordered like Zendesk's
 * (tickets are small sequence numbers, users and organizations are large). Any other id
 * is hashed into [1e15, 9e15), away from every base range.
 */

export type ZendeskIdKind = 'ticket' | 'organization' | 'user' | 'agent' | 'article' | 'comment';

const ID_BASE: Record<ZendeskIdKind, number> = {
  ticket: 1000,
  organization: 360_000_000_000,
  user: 361_000_000_000,
  agent: 362_000_000_000,
  article: 363_000_000_000,
  comment: 364_000_000_000,
};

/** Ids of things derived one-to-one from a ticket (its metric set, its rating). */
export const METRIC_SET_BASE = 365_000_000_000;
export const SATISFACTION_RATING_BASE = 366_000_000_000;

const SIMPLE_ID = /^[A-Za-z][A-Za-z_-]{0,15}(\d{1,9})$|^(\d{1,9})$/;

export function zendeskId(kind: ZendeskIdKind, id: string): number {
  const m = SIMPLE_ID.exec(id);
  const digits = m?.[1] ?? m?.[2];
  if (digits !== undefined) return ID_BASE[kind] + Number(digits);
  return 1e15 + (hash53(`${kind}:${id}`) % 8e15);
}

/** FNV-1a, two 32-bit lanes combined into 53 bits: cheap, stable, well spread. */
export function hash53(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

/** A 32-bit hash for picking among a few options. */
export function hash32(s: string): number {
  return Math.floor(hash53(s) / 0x200000);
}
