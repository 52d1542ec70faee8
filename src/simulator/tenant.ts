/**
 * The simulated Zendesk tenant, held compactly: records' text in deflated blocks, the
 * numbers every endpoint filters and sorts on in typed columns, and indices (by Zendesk
 * id, by requester, by organization, by person) built once after loading. Live mode
 * appends to it; nothing is ever rewritten in place except a live ticket's state.
 */
import type {
  Account,
  Device,
  Person,
  PortalEvent,
  PortalEventType,
  PulseRecord,
  Satisfaction,
  Ticket,
} from '../core/records';
import { DEVICES, PORTAL_EVENT_TYPES } from '../core/records';
import { hash32, zendeskId } from '../platforms/zendesk/ids';
import type { AgentInput, ArticleInput, CommentInput } from '../platforms/zendesk/serialize';
import { ratedAt, TENANT_EPOCH, ticketUpdatedAt } from '../platforms/zendesk/serialize';
import { Float64Column, GroupIndex, IdIndex, Int32Column, Uint8Column } from './columns';
import { PackedRows } from './packed-rows';

/** What a tenant is built from: the generator's records and catalogs. */
export interface TenantSource {
  records: Iterable<PulseRecord>;
  agents: AgentInput[];
  articles: ArticleInput[];
  comments: (ticket: Ticket) => CommentInput[];
}

/** A row in one of the time-ordered streams: its position key (seconds, Zendesk id) and row. */
export interface StreamEntry {
  ts: number;
  id: number;
  row: number;
}

const SATISFACTION_CODES: readonly Satisfaction[] = ['good', 'bad', 'offered', 'unoffered'];
const sec = (ms: number): number => Math.floor(ms / 1000);

/** A time-ordered, append-only log of (seconds, id, row), skipping superseded entries. */
export class Stream {
  private readonly ts = new Float64Column();
  private readonly ids = new Float64Column();
  private readonly rows = new Int32Column();

  constructor(private readonly isCurrent: (row: number, ts: number) => boolean = () => true) {}

  get length(): number {
    return this.ts.length;
  }

  /** Appends keeping (ts, id) ascending; returns the ts actually used (bumped if needed). */
  append(tsSeconds: number, id: number, row: number): number {
    let ts = tsSeconds;
    const n = this.ts.length;
    if (n > 0) {
      const lastTs = this.ts.get(n - 1);
      const lastId = this.ids.get(n - 1);
      if (ts < lastTs || (ts === lastTs && id <= lastId)) ts = id > lastId ? lastTs : lastTs + 1;
    }
    this.ts.push(ts);
    this.ids.push(id);
    this.rows.push(row);
    return ts;
  }

  /** First position whose key is strictly after (ts, id). */
  after(ts: number, id: number): number {
    let lo = 0;
    let hi = this.ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.ts.get(mid);
      if (t < ts || (t === ts && this.ids.get(mid) <= id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Up to `limit` current entries from position `from`, and whether any current entry follows. */
  read(from: number, limit: number, until = Infinity): { entries: StreamEntry[]; hasMore: boolean } {
    const entries: StreamEntry[] = [];
    let p = from;
    for (; p < this.ts.length; p++) {
      const ts = this.ts.get(p);
      if (ts >= until) break;
      const row = this.rows.get(p);
      if (!this.isCurrent(row, ts)) continue;
      if (entries.length === limit) return { entries, hasMore: true };
      entries.push({ ts, id: this.ids.get(p), row });
    }
    return { entries, hasMore: false };
  }
}

/** Builds a stream from unsorted (ts, id, row) triples. */
function sortedStream(
  ts: Float64Array,
  ids: Float64Array,
  isCurrent?: (row: number, ts: number) => boolean,
): Stream {
  const order = Array.from(ts.keys()).sort(
    (a, b) => (ts[a] as number) - (ts[b] as number) || (ids[a] as number) - (ids[b] as number),
  );
  const s = new Stream(isCurrent);
  for (const r of order) s.append(ts[r] as number, ids[r] as number, r);
  return s;
}

export class Tenant {
  readonly accounts: Account[] = [];
  readonly agents: AgentInput[];
  readonly articles: ArticleInput[];
  readonly comments: (ticket: Ticket) => CommentInput[];

  private readonly persons = new PackedRows<Person>(512);
  private readonly personZid = new Float64Column();
  private readonly personFirstSeen = new Float64Column();

  private readonly tickets = new PackedRows<Ticket>(256);
  private readonly liveTickets = new Map<number, Ticket>();
  private readonly ticketZid = new Float64Column();
  private readonly ticketCreated = new Float64Column();
  private readonly ticketUpdatedSec = new Float64Column();
  private readonly ticketRequester = new Int32Column();
  private readonly ticketAccount = new Int32Column();
  private readonly ticketSatisfaction = new Uint8Column();
  /** When the requester rated (ms), for rated tickets; read at load so no text is inflated. */
  private readonly ticketRatedAt = new Float64Column();

  private readonly eventPerson = new Int32Column();
  private readonly eventAt = new Float64Column();
  private readonly eventType = new Uint8Column();
  private readonly eventDevice = new Uint8Column();
  private readonly eventResultCount = new Int32Column();
  private readonly eventClicked = new Uint8Column();
  private readonly eventArticle = new Int32Column();
  private readonly eventQuery = new Int32Column();
  private readonly eventVisitor = new Int32Column();
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();

  private pool: number[] | undefined;
  private accountIndex!: IdIndex;
  private personIndex!: IdIndex;
  private ticketIndex!: IdIndex;
  private articleIndex!: IdIndex;
  private ticketsByRequester!: GroupIndex;
  private ticketsByAccount!: GroupIndex;
  private eventsByPerson!: GroupIndex;

  /** Incremental ticket export order: (updated seconds, ticket id). */
  ticketStream!: Stream;
  /** Satisfaction ratings by (rated seconds, ticket id). */
  ratingStream!: Stream;
  /** Users (persons, then agents as rows ≥ personCount) by (updated seconds, user id). */
  userStream!: Stream;
  /** Organizations by (updated seconds, organization id). */
  organizationStream!: Stream;

  private constructor(source: TenantSource) {
    this.agents = source.agents;
    this.articles = source.articles;
    this.comments = source.comments;
  }

  /** Loads every record; memory grows with the tenant's numbers, not its text. */
  static load(source: TenantSource): Tenant {
    const t = new Tenant(source);
    const requesterZid = new Float64Column();
    const accountZid = new Float64Column();
    const eventPersonZid = new Float64Column();
    for (const r of source.records) {
      if (r.kind === 'ticket') {
        t.tickets.push(r);
        t.ticketZid.push(zendeskId('ticket', r.id));
        t.ticketCreated.push(r.created_at);
        t.ticketUpdatedSec.push(sec(ticketUpdatedAt(r)));
        requesterZid.push(zendeskId('user', r.requester_id));
        accountZid.push(r.account_id === null ? -1 : zendeskId('organization', r.account_id));
        t.ticketSatisfaction.push(SATISFACTION_CODES.indexOf(r.satisfaction));
        t.ticketRatedAt.push(ratedAt(r));
      } else if (r.kind === 'person') {
        t.persons.push(r);
        t.personZid.push(zendeskId('user', r.id));
        t.personFirstSeen.push(Infinity);
      } else if (r.kind === 'account') {
        t.accounts.push(r);
      } else if (r.person_id !== null) {
        // Anonymous events cannot be read through /users/{id}/events, so they are not kept.
        eventPersonZid.push(zendeskId('user', r.person_id));
        t.pushEventColumns(r);
      }
    }
    t.buildIndices(requesterZid.view(), accountZid.view(), eventPersonZid.view());
    return t;
  }

  private intern(s: string): number {
    let i = this.stringIds.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, i);
    }
    return i;
  }

  private pushEventColumns(e: PortalEvent): void {
    this.eventAt.push(e.occurred_at);
    this.eventType.push(PORTAL_EVENT_TYPES.indexOf(e.type));
    this.eventDevice.push(DEVICES.indexOf(e.device));
    this.eventResultCount.push(e.result_count ?? -1);
    this.eventClicked.push(e.clicked_result === null ? 2 : e.clicked_result ? 1 : 0);
    this.eventArticle.push(e.article_id === null ? -1 : this.intern(e.article_id));
    this.eventQuery.push(e.query === null ? -1 : this.intern(e.query));
    this.eventVisitor.push(this.intern(e.visitor_id));
  }

  private buildIndices(
    requesterZid: Float64Array,
    accountZid: Float64Array,
    eventPersonZid: Float64Array,
  ): void {
    this.accountIndex = new IdIndex(Float64Array.from(this.accounts, (a) => zendeskId('organization', a.id)));
    this.personIndex = new IdIndex(this.personZid.view());
    this.ticketIndex = new IdIndex(this.ticketZid.view());
    this.articleIndex = new IdIndex(Float64Array.from(this.articles, (a) => zendeskId('article', a.id)));
    const firstSeen = this.personFirstSeen;
    requesterZid.forEach((z, row) => {
      const p = this.personIndex.find(z) ?? -1;
      this.ticketRequester.push(p);
      if (p >= 0) firstSeen.set(p, Math.min(firstSeen.get(p), this.ticketCreated.get(row)));
    });
    accountZid.forEach((z) => this.ticketAccount.push(z < 0 ? -1 : (this.accountIndex.find(z) ?? -1)));
    eventPersonZid.forEach((z, row) => {
      const p = this.personIndex.find(z) ?? -1;
      this.eventPerson.push(p);
      if (p >= 0) firstSeen.set(p, Math.min(firstSeen.get(p), this.eventAt.get(row)));
    });
    this.ticketsByRequester = new GroupIndex(this.ticketRequester.view(), this.persons.length);
    this.ticketsByAccount = new GroupIndex(this.ticketAccount.view(), this.accounts.length);
    this.eventsByPerson = new GroupIndex(this.eventPerson.view(), this.persons.length);

    const updated = this.ticketUpdatedSec;
    this.ticketStream = sortedStream(
      updated.view(),
      this.ticketZid.view(),
      (row, ts) => updated.get(row) === ts,
    );

    const rated: number[] = [];
    this.ticketSatisfaction.view().forEach((code, row) => {
      if (code <= 1) rated.push(row);
    });
    const ratedTs = Float64Array.from(rated, (row) => sec(this.ticketRatedAt.get(row)));
    const ratedIds = Float64Array.from(rated, (row) => this.ticketZid.get(row));
    const ratingOrder = sortedStream(ratedTs, ratedIds);
    this.ratingStream = new Stream();
    for (const e of ratingOrder.read(0, Infinity).entries)
      this.ratingStream.append(e.ts, e.id, rated[e.row] as number);

    const personCount = this.persons.length;
    const userTs = new Float64Array(personCount + this.agents.length);
    const userIds = new Float64Array(personCount + this.agents.length);
    for (let p = 0; p < personCount; p++) {
      userTs[p] = sec(this.personCreatedAt(p));
      userIds[p] = this.personZid.get(p);
    }
    this.agents.forEach((a, i) => {
      userTs[personCount + i] = sec(a.created_at ?? TENANT_EPOCH);
      userIds[personCount + i] = zendeskId('agent', a.id);
    });
    this.userStream = sortedStream(userTs, userIds);
    this.organizationStream = sortedStream(
      Float64Array.from(this.accounts, (a) => sec(a.created_at ?? TENANT_EPOCH)),
      Float64Array.from(this.accounts, (a) => zendeskId('organization', a.id)),
    );
  }

  get ticketCount(): number {
    return this.ticketZid.length;
  }

  get personCount(): number {
    return this.persons.length;
  }

  get eventCount(): number {
    return this.eventAt.length;
  }

  /** Bytes of compressed text held, for the startup report. */
  get packedBytes(): number {
    return this.tickets.compressedBytes + this.persons.compressedBytes;
  }

  ticketAt(row: number): Ticket {
    return this.liveTickets.get(row) ?? this.tickets.get(row);
  }

  ticketRow(zid: number): number | undefined {
    return this.ticketIndex.find(zid);
  }

  ticketUpdatedMs(row: number): number {
    return this.ticketUpdatedSec.get(row) * 1000;
  }

  personAt(row: number): Person {
    return this.persons.get(row);
  }

  personRow(zid: number): number | undefined {
    return this.personIndex.find(zid);
  }

  /** A day before the person was first seen (they signed up before they asked). */
  personCreatedAt(row: number): number {
    const first = this.personFirstSeen.get(row);
    return Number.isFinite(first) ? Math.floor(first / 1000) * 1000 - 86_400_000 : TENANT_EPOCH;
  }

  accountRow(zid: number): number | undefined {
    return this.accountIndex.find(zid);
  }

  agentRow(zid: number): number | undefined {
    const i = this.agents.findIndex((a) => zendeskId('agent', a.id) === zid);
    return i < 0 ? undefined : i;
  }

  articleRow(zid: number): number | undefined {
    return this.articleIndex.find(zid);
  }

  articleTitle(articleId: string): string | undefined {
    return this.articles.find((a) => a.id === articleId)?.title;
  }

  /** The agent a ticket is assigned to: stable per ticket, among role `agent`. */
  assigneeOf(ticket: Ticket): number | null {
    const pool = this.assigneePool;
    if (pool.length === 0) return null;
    return pool[hash32(`${ticket.id}:assignee`) % pool.length] as number;
  }

  private get assigneePool(): number[] {
    this.pool ??= this.agents.filter((a) => a.role === 'agent').map((a) => zendeskId('agent', a.id));
    return this.pool;
  }

  ticketRowsOfRequester(personRow: number): number[] {
    return this.ticketsByRequester.rows(personRow);
  }

  ticketRowsOfAccount(accountRow: number): number[] {
    return this.ticketsByAccount.rows(accountRow);
  }

  requesterRow(ticketRow: number): number {
    return this.ticketRequester.get(ticketRow);
  }

  accountRowOfTicket(ticketRow: number): number {
    return this.ticketAccount.get(ticketRow);
  }

  /** The person's portal events, rebuilt as records, in time order. */
  eventsOf(personRow: number): PortalEvent[] {
    const person = this.persons.get(personRow);
    return this.eventsByPerson
      .rows(personRow)
      .map((e): PortalEvent => {
        const clicked = this.eventClicked.get(e);
        const article = this.eventArticle.get(e);
        const query = this.eventQuery.get(e);
        const count = this.eventResultCount.get(e);
        return {
          kind: 'portal_event',
          type: PORTAL_EVENT_TYPES[this.eventType.get(e)] as PortalEventType,
          occurred_at: this.eventAt.get(e),
          visitor_id: this.strings[this.eventVisitor.get(e)] as string,
          person_id: person.id,
          account_id: person.account_id,
          query: query < 0 ? null : (this.strings[query] as string),
          result_count: count < 0 ? null : count,
          clicked_result: clicked === 2 ? null : clicked === 1,
          article_id: article < 0 ? null : (this.strings[article] as string),
          device: DEVICES[this.eventDevice.get(e)] as Device,
        };
      })
      .sort((a, b) => a.occurred_at - b.occurred_at);
  }

  /** Live mode: a new ticket; returns its row. `updatedAt` moves to keep the stream ordered. */
  addTicket(ticket: Ticket): number {
    const row = this.ticketZid.length;
    const zid = zendeskId('ticket', ticket.id);
    this.liveTickets.set(row, ticket);
    this.ticketZid.push(zid);
    this.ticketCreated.push(ticket.created_at);
    const requester = this.personIndex.find(zendeskId('user', ticket.requester_id)) ?? -1;
    this.ticketRequester.push(requester);
    const account =
      ticket.account_id === null
        ? -1
        : (this.accountIndex.find(zendeskId('organization', ticket.account_id)) ?? -1);
    this.ticketAccount.push(account);
    this.ticketSatisfaction.push(SATISFACTION_CODES.indexOf(ticket.satisfaction));
    this.ticketRatedAt.push(ratedAt(ticket));
    this.ticketUpdatedSec.push(0);
    this.ticketIndex.add(zid, row);
    if (requester >= 0) this.ticketsByRequester.add(requester, row);
    if (account >= 0) this.ticketsByAccount.add(account, row);
    this.touchTicket(row, ticketUpdatedAt(ticket));
    return row;
  }

  /** Live mode: replaces a live ticket's state (status, solve, rating) and re-streams it. */
  updateTicket(row: number, ticket: Ticket, at: number): void {
    this.liveTickets.set(row, ticket);
    const before = this.ticketSatisfaction.get(row);
    const code = SATISFACTION_CODES.indexOf(ticket.satisfaction);
    this.ticketSatisfaction.set(row, code);
    this.ticketRatedAt.set(row, ratedAt(ticket));
    this.touchTicket(row, at);
    if (before > 1 && code <= 1)
      this.ratingStream.append(sec(this.ticketRatedAt.get(row)), this.ticketZid.get(row), row);
  }

  private touchTicket(row: number, at: number): void {
    const ts = this.ticketStream.append(sec(at), this.ticketZid.get(row), row);
    this.ticketUpdatedSec.set(row, ts);
  }

  /** Live mode: a signed-in person's portal event. */
  addEvent(e: PortalEvent): void {
    if (e.person_id === null) return;
    const person = this.personIndex.find(zendeskId('user', e.person_id));
    if (person === undefined) return;
    this.eventPerson.push(person);
    this.pushEventColumns(e);
    this.eventsByPerson.add(person, this.eventAt.length - 1);
  }

  /** Persons who requested tickets, for live mode to pick requesters from. */
  personIdAt(row: number): string {
    return this.persons.get(row).id;
  }

  ticketZidAt(row: number): number {
    return this.ticketZid.get(row);
  }
}
