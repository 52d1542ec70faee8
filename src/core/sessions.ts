import { MINUTE_MS } from './dataset';
import { PORTAL_EVENT_TYPES, type Device, type Person, type PortalEvent } from './records';

/** Consecutive events of one visitor with no gap longer than the session gap (METRICS.md). */
export interface Session {
  visitor_id: string;
  /** First non-null person_id among the events (a visitor may sign in mid-session). */
  person_id: string | null;
  /** First non-null account_id among the events, else the person's account. */
  account_id: string | null;
  start: number;
  end: number;
  /** The session's events in time order. */
  events: PortalEvent[];
  /** Contains at least one `search` or `article_view`. */
  help_seeking: boolean;
  has_ticket_submit: boolean;
  /** Device of the first event. */
  device: Device;
}

const TYPE_RANK = new Map(PORTAL_EVENT_TYPES.map((t, i) => [t, i]));

/**
 * Total order on events of one visitor, so that the input order of events with the same
 * timestamp never changes a session (and so never a metric).
 */
export function compareEvents(a: PortalEvent, b: PortalEvent): number {
  return (
    a.occurred_at - b.occurred_at ||
    (TYPE_RANK.get(a.type) ?? 0) - (TYPE_RANK.get(b.type) ?? 0) ||
    cmp(a.query, b.query) ||
    cmp(a.article_id, b.article_id) ||
    cmp(a.person_id, b.person_id) ||
    cmp(a.account_id, b.account_id) ||
    cmp(a.device, b.device) ||
    (a.result_count ?? -1) - (b.result_count ?? -1) ||
    Number(a.clicked_result ?? -1) - Number(b.clicked_result ?? -1)
  );
}

function cmp(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** Groups events by visitor; each group sorted with {@link compareEvents}. */
export function eventsByVisitor(events: PortalEvent[]): Map<string, PortalEvent[]> {
  const byVisitor = new Map<string, PortalEvent[]>();
  for (const e of events) {
    const list = byVisitor.get(e.visitor_id);
    if (list) list.push(e);
    else byVisitor.set(e.visitor_id, [e]);
  }
  for (const list of byVisitor.values()) list.sort(compareEvents);
  return byVisitor;
}

/**
 * Splits events into sessions. A gap of exactly `gapMinutes` keeps the session going
 * ("no gap longer than"). Result sorted by start, then visitor id.
 */
export function buildSessions(
  events: PortalEvent[],
  persons: Map<string, Person> | Person[],
  gapMinutes: number,
): Session[] {
  const personById = Array.isArray(persons) ? new Map(persons.map((p) => [p.id, p])) : persons;
  const gap = gapMinutes * MINUTE_MS;
  const sessions: Session[] = [];
  for (const [visitorId, list] of eventsByVisitor(events)) {
    let begin = 0;
    for (let i = 1; i <= list.length; i++) {
      const prev = list[i - 1] as PortalEvent;
      const next = list[i];
      if (next === undefined || next.occurred_at - prev.occurred_at > gap) {
        sessions.push(makeSession(visitorId, list.slice(begin, i), personById));
        begin = i;
      }
    }
  }
  sessions.sort(
    (a, b) => a.start - b.start || (a.visitor_id < b.visitor_id ? -1 : a.visitor_id > b.visitor_id ? 1 : 0),
  );
  return sessions;
}

function makeSession(visitorId: string, events: PortalEvent[], persons: Map<string, Person>): Session {
  let personId: string | null = null;
  let accountId: string | null = null;
  let helpSeeking = false;
  let submit = false;
  for (const e of events) {
    if (personId === null && e.person_id !== null) personId = e.person_id;
    if (accountId === null && e.account_id !== null) accountId = e.account_id;
    if (e.type === 'search' || e.type === 'article_view') helpSeeking = true;
    if (e.type === 'ticket_submit') submit = true;
  }
  if (accountId === null && personId !== null) accountId = persons.get(personId)?.account_id ?? null;
  const first = events[0] as PortalEvent;
  const last = events[events.length - 1] as PortalEvent;
  return {
    visitor_id: visitorId,
    person_id: personId,
    account_id: accountId,
    start: first.occurred_at,
    end: last.occurred_at,
    events,
    help_seeking: helpSeeking,
    has_ticket_submit: submit,
    device: first.device,
  };
}

/** The visitor of a session (METRICS.md "Adoption"): its person when known, else its browser. */
export function visitorKey(s: Pick<Session, 'person_id' | 'visitor_id'>): string {
  return s.person_id !== null ? `p:${s.person_id}` : `v:${s.visitor_id}`;
}
