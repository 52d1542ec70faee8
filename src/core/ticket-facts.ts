import { float32s, int32s } from './columns';
import { sharedIds, type Interner, type SharedIds } from './interner';
import type { Ticket } from './records';
import { ticketSentiment } from './sentiment';

/**
 * What prepare needs of each ticket beyond its numbers, worked out while the ticket is read
 * (decoded or loaded) rather than in prepare: its text sentiment and its interned requester and
 * account ids. One row per ticket, in input order.
 */
export interface TicketFacts {
  length: number;
  /** `ticketSentiment(subject, description)`. */
  sentiment: Float32Array;
  /** Index into `requesterIds` (a dataset's shared person ids). */
  requester: Int32Array;
  requesterIds: string[];
  /** The ticket's own account: index into `accountIds` (shared likewise), or -1. */
  account: Int32Array;
  accountIds: string[];
}

export class TicketFactsBuilder {
  private n = 0;
  private sentiment: Float32Array;
  private requester: Int32Array;
  private account: Int32Array;
  private readonly people: Interner;
  private readonly accounts: Interner;

  /** `ids` numbers requesters and accounts; a dataset's builder shares them with its events. */
  constructor(expected = 1024, ids: SharedIds = sharedIds()) {
    this.people = ids.people;
    this.accounts = ids.accounts;
    const c = Math.max(16, expected);
    this.sentiment = float32s(c);
    this.requester = int32s(c);
    this.account = int32s(c);
  }

  add(t: Ticket): void {
    if (this.n === this.requester.length) this.grow();
    const i = this.n++;
    this.sentiment[i] = ticketSentiment(t.subject, t.description);
    this.requester[i] = this.people.id(t.requester_id);
    this.account[i] = this.accounts.id(t.account_id);
  }

  build(): TicketFacts {
    const n = this.n;
    return {
      length: n,
      sentiment: this.sentiment.subarray(0, n),
      requester: this.requester.subarray(0, n),
      requesterIds: this.people.ids,
      account: this.account.subarray(0, n),
      accountIds: this.accounts.ids,
    };
  }

  private grow(): void {
    const c = this.requester.length * 2;
    const sentiment = float32s(c);
    sentiment.set(this.sentiment);
    this.sentiment = sentiment;
    const requester = int32s(c);
    requester.set(this.requester);
    this.requester = requester;
    const account = int32s(c);
    account.set(this.account);
    this.account = account;
  }
}
