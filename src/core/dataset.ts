import { int32s } from './columns';
import { EventTableBuilder, type EventFields, type EventTable } from './event-table';
import { sharedIds, type SharedIds } from './interner';
import { TicketFactsBuilder, type TicketFacts } from './ticket-facts';
import type { Account, Channel, Device, Person, PortalEvent, PulseRecord, Ticket } from './records';

/** Everything one tenant has: the engine's whole input. */
export interface Dataset {
  accounts: Account[];
  persons: Person[];
  tickets: Ticket[];
  events: PortalEvent[];
}

/**
 * A dataset as decoders and loaders build it record by record: portal events as columns, each
 * ticket's facts (text sentiment, interned ids) worked out as it was read, and person and
 * account ids numbered once across record kinds.
 */
export interface ColumnarDataset {
  accounts: Account[];
  persons: Person[];
  tickets: Ticket[];
  /** Row i is `tickets[i]`. */
  ticketFacts: TicketFacts;
  events: EventTable;
  /** The person ids that `ticketFacts.requester` and `events.person` index. */
  personIds: string[];
  /** The account ids that `ticketFacts.account`, `events.account` and `personAccount` index. */
  accountIds: string[];
  /** Per person id: the account of its person record (the last one given), or -1. */
  personAccount: Int32Array;
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

/** Sorts records into a columnar dataset as they come: events go straight into columns. */
export class ColumnarDatasetBuilder {
  private readonly accounts: Account[] = [];
  private readonly persons: Person[] = [];
  private readonly tickets: Ticket[] = [];
  private readonly ids: SharedIds = sharedIds();
  /** Person records' (person, account) numbers, in input order. */
  private readonly personAccounts: number[] = [];
  private readonly facts: TicketFactsBuilder;
  private readonly events: EventTableBuilder;

  /** The expected counts size the columns up front (they grow as needed). */
  constructor(expectedEvents?: number, expectedTickets?: number) {
    this.facts = new TicketFactsBuilder(expectedTickets, this.ids);
    this.events = new EventTableBuilder(expectedEvents, this.ids);
  }

  add(r: PulseRecord): void {
    if (r.kind === 'account') this.accounts.push(r);
    else if (r.kind === 'person') {
      this.persons.push(r);
      this.personAccounts.push(this.ids.people.id(r.id), this.ids.accounts.id(r.account_id));
    } else if (r.kind === 'ticket') {
      this.tickets.push(r);
      this.facts.add(r);
    } else this.events.add(r);
  }

  /** An event's fields as a loader reads them, without making a record of them first. */
  addEvent(e: EventFields): void {
    this.events.add(e);
  }

  build(): ColumnarDataset {
    const { accounts, persons, tickets, ids } = this;
    const personAccount = int32s(ids.people.ids.length).fill(-1);
    for (let k = 0; k < this.personAccounts.length; k += 2)
      personAccount[this.personAccounts[k] as number] = this.personAccounts[k + 1] as number;
    return {
      accounts,
      persons,
      tickets,
      ticketFacts: this.facts.build(),
      events: this.events.build(),
      personIds: ids.people.ids,
      accountIds: ids.accounts.ids,
      personAccount,
    };
  }
}

/** {@link toDataset} with the events as columns. */
export function toColumnarDataset(records: Iterable<PulseRecord>): ColumnarDataset {
  const b = new ColumnarDatasetBuilder();
  for (const r of records) b.add(r);
  return b.build();
}

/** A dataset of objects as columns, through the same builder as decoded records. */
export function columnarDataset(data: Dataset): ColumnarDataset {
  const b = new ColumnarDatasetBuilder(data.events.length, data.tickets.length);
  for (const r of data.accounts) b.add(r);
  for (const r of data.persons) b.add(r);
  for (const r of data.tickets) b.add(r);
  for (const r of data.events) b.add(r);
  return b.build();
}
