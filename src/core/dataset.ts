import type { Account, Channel, Device, Person, PortalEvent, PulseRecord, Ticket } from './records';

/** Everything one tenant has: the engine's whole input. */
export interface Dataset {
  accounts: Account[];
  persons: Person[];
  tickets: Ticket[];
  events: PortalEvent[];
}

/** A half-open window [from, to) in epoch ms UTC, as METRICS.md defines windows. */
export interface Window {
  from: number;
  to: number;
}

/** A ratio with the counts it was made of; `value` is null ("no data") when the denominator is 0. */
export interface Rate {
  value: number | null;
  numerator: number;
  denominator: number;
}

export function rate(numerator: number, denominator: number): Rate {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

/**
 * A slice of the tenant. Fields combine with AND. `account_id`/`account_tag` filter tickets and
 * sessions by account; `channel` filters tickets only; `device` filters sessions only
 * (docs/metrics.md, "Segments").
 */
export interface Segment {
  account_id?: string;
  account_tag?: string;
  channel?: Channel;
  device?: Device;
}

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** An empty dataset, for callers that start from nothing. */
export function emptyDataset(): Dataset {
  return { accounts: [], persons: [], tickets: [], events: [] };
}

/** Sorts decoded records into a dataset by kind. */
export function toDataset(records: Iterable<PulseRecord>): Dataset {
  const d = emptyDataset();
  for (const r of records) {
    if (r.kind === 'account') d.accounts.push(r);
    else if (r.kind === 'person') d.persons.push(r);
    else if (r.kind === 'ticket') d.tickets.push(r);
    else d.events.push(r);
  }
  return d;
}
