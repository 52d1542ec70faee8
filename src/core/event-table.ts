import { float64s, int32s, uint8s } from './columns';
import { Interner, sharedIds, type SharedIds } from './interner';
import { DEVICES, PORTAL_EVENT_TYPES, type PortalEvent } from './records';

/**
 * Portal events as columns, one row per event in input order, with every id interned into a
 * list per kind. Decoders and loaders append events one by one to an {@link EventTableBuilder},
 * so a tenant's millions of events never exist as objects at once, and the id lookups happen
 * while reading the input rather than in prepare.
 */
export interface EventTable {
  length: number;
  /** Index into PORTAL_EVENT_TYPES. */
  type: Uint8Array;
  occurredAt: Float64Array;
  /** Index into `visitorIds`. */
  visitor: Int32Array;
  /** Index into `personIds`, or -1. */
  person: Int32Array;
  /** Index into `accountIds`, or -1. */
  account: Int32Array;
  /** Index into `queries`, or -1 for no query. */
  query: Int32Array;
  /** Index into `articleIds`, or -1. */
  article: Int32Array;
  /** result_count, or -1 when unknown. */
  resultCount: Int32Array;
  /** clicked_result: CLICKED_NULL, CLICKED_NO or CLICKED_YES. */
  clicked: Uint8Array;
  /** Index into DEVICES. */
  device: Uint8Array;
  visitorIds: string[];
  /** Person ids (shared with tickets' requesters when built with a dataset's ids). */
  personIds: string[];
  /** Account ids (shared likewise). */
  accountIds: string[];
  queries: string[];
  articleIds: string[];
  /** `personIds` indices of the events' persons, in order of first appearance. */
  personOrder: Int32Array;
  /** `accountIds` indices of the events' own accounts, in order of first appearance. */
  accountOrder: Int32Array;
}

export const CLICKED_NULL = 0;
export const CLICKED_NO = 1;
export const CLICKED_YES = 2;

/** One event's fields, as decoders and loaders have them. */
export type EventFields = Omit<PortalEvent, 'kind'>;

const TYPE_CODE = new Map(PORTAL_EVENT_TYPES.map((t, i) => [t, i]));
const DEVICE_CODE = new Map(DEVICES.map((d, i) => [d, i]));

/** Small integers in order of first sight. */
class FirstSight {
  readonly order: number[] = [];
  private seen = new Uint8Array(64);

  add(i: number): void {
    if (i >= this.seen.length) {
      const more = new Uint8Array(Math.max(i + 1, 2 * this.seen.length));
      more.set(this.seen);
      this.seen = more;
    }
    if (this.seen[i] === 0) {
      this.seen[i] = 1;
      this.order.push(i);
    }
  }
}

/** Appends events to growing columns; `build` hands out the table. */
export class EventTableBuilder {
  private n = 0;
  private capacity: number;
  private type: Uint8Array;
  private occurredAt: Float64Array;
  private visitor: Int32Array;
  private person: Int32Array;
  private account: Int32Array;
  private query: Int32Array;
  private article: Int32Array;
  private resultCount: Int32Array;
  private clicked: Uint8Array;
  private device: Uint8Array;
  private readonly visitors = new Interner();
  private readonly persons: Interner;
  private readonly accounts: Interner;
  private readonly personOrder = new FirstSight();
  private readonly accountOrder = new FirstSight();
  private readonly queries = new Interner();
  private readonly articles = new Interner();
  // A visitor's events mostly come together and carry the same person and account: the last
  // visitor id, and per visitor the last person and account id, spare most map lookups.
  private lastVisitorId: string | null = null;
  private lastVisitor = -1;
  private readonly visitorPersonId: (string | null)[] = [];
  private readonly visitorPerson: number[] = [];
  private readonly visitorAccountId: (string | null)[] = [];
  private readonly visitorAccount: number[] = [];

  /** `ids` numbers persons and accounts; a dataset's builder shares them with its tickets. */
  constructor(expected = 1024, ids: SharedIds = sharedIds()) {
    this.persons = ids.people;
    this.accounts = ids.accounts;
    this.capacity = Math.max(16, expected);
    const c = this.capacity;
    this.type = uint8s(c);
    this.occurredAt = float64s(c);
    this.visitor = int32s(c);
    this.person = int32s(c);
    this.account = int32s(c);
    this.query = int32s(c);
    this.article = int32s(c);
    this.resultCount = int32s(c);
    this.clicked = uint8s(c);
    this.device = uint8s(c);
  }

  get length(): number {
    return this.n;
  }

  add(e: EventFields): void {
    if (this.n === this.capacity) this.grow();
    const i = this.n++;
    this.type[i] = TYPE_CODE.get(e.type) ?? 0;
    this.occurredAt[i] = e.occurred_at;
    let v = this.lastVisitor;
    if (e.visitor_id !== this.lastVisitorId) {
      v = this.visitors.id(e.visitor_id);
      if (v === this.visitorPerson.length) {
        this.visitorPersonId.push(null);
        this.visitorPerson.push(-1);
        this.visitorAccountId.push(null);
        this.visitorAccount.push(-1);
      }
      this.lastVisitorId = e.visitor_id;
      this.lastVisitor = v;
    }
    this.visitor[i] = v;
    if (e.person_id !== this.visitorPersonId[v]) {
      this.visitorPersonId[v] = e.person_id;
      const p = this.persons.id(e.person_id);
      this.visitorPerson[v] = p;
      if (p >= 0) this.personOrder.add(p);
    }
    this.person[i] = this.visitorPerson[v] as number;
    if (e.account_id !== this.visitorAccountId[v]) {
      this.visitorAccountId[v] = e.account_id;
      const a = this.accounts.id(e.account_id);
      this.visitorAccount[v] = a;
      if (a >= 0) this.accountOrder.add(a);
    }
    this.account[i] = this.visitorAccount[v] as number;
    this.query[i] = this.queries.id(e.query);
    this.article[i] = this.articles.id(e.article_id);
    this.resultCount[i] = e.result_count ?? -1;
    this.clicked[i] = e.clicked_result === null ? CLICKED_NULL : e.clicked_result ? CLICKED_YES : CLICKED_NO;
    this.device[i] = DEVICE_CODE.get(e.device) ?? 0;
  }

  build(): EventTable {
    const n = this.n;
    return {
      length: n,
      type: this.type.subarray(0, n),
      occurredAt: this.occurredAt.subarray(0, n),
      visitor: this.visitor.subarray(0, n),
      person: this.person.subarray(0, n),
      account: this.account.subarray(0, n),
      query: this.query.subarray(0, n),
      article: this.article.subarray(0, n),
      resultCount: this.resultCount.subarray(0, n),
      clicked: this.clicked.subarray(0, n),
      device: this.device.subarray(0, n),
      visitorIds: this.visitors.ids,
      personIds: this.persons.ids,
      accountIds: this.accounts.ids,
      queries: this.queries.ids,
      articleIds: this.articles.ids,
      personOrder: Int32Array.from(this.personOrder.order),
      accountOrder: Int32Array.from(this.accountOrder.order),
    };
  }

  private grow(): void {
    const c = this.capacity * 2;
    const more = <A extends Uint8Array | Int32Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(c);
      b.set(a);
      return b;
    };
    this.type = more(this.type, uint8s);
    this.occurredAt = more(this.occurredAt, float64s);
    this.visitor = more(this.visitor, int32s);
    this.person = more(this.person, int32s);
    this.account = more(this.account, int32s);
    this.query = more(this.query, int32s);
    this.article = more(this.article, int32s);
    this.resultCount = more(this.resultCount, int32s);
    this.clicked = more(this.clicked, uint8s);
    this.device = more(this.device, uint8s);
    this.capacity = c;
  }
}

/** The table of a list of event objects (tests and the browser's small datasets). */
export function eventTableOf(events: readonly EventFields[]): EventTable {
  const b = new EventTableBuilder(events.length);
  for (const e of events) b.add(e);
  return b.build();
}

/** Row `i` of the table as an event object. */
export function eventAt(t: EventTable, i: number): PortalEvent {
  const str = (list: string[], k: number): string | null => (k < 0 ? null : (list[k] as string));
  const clicked = t.clicked[i] as number;
  const resultCount = t.resultCount[i] as number;
  return {
    kind: 'portal_event',
    type: PORTAL_EVENT_TYPES[t.type[i] as number] as PortalEvent['type'],
    occurred_at: t.occurredAt[i] as number,
    visitor_id: t.visitorIds[t.visitor[i] as number] as string,
    person_id: str(t.personIds, t.person[i] as number),
    account_id: str(t.accountIds, t.account[i] as number),
    query: str(t.queries, t.query[i] as number),
    result_count: resultCount < 0 ? null : resultCount,
    clicked_result: clicked === CLICKED_NULL ? null : clicked === CLICKED_YES,
    article_id: str(t.articleIds, t.article[i] as number),
    device: DEVICES[t.device[i] as number] as PortalEvent['device'],
  };
}
