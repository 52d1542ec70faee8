/**
 * Ticket-after-portal exactly as METRICS.md defines it, computed while records stream past
 * in time order: sessions per visitor split at gaps over 30 minutes, a session's person is
 * its first non-null person_id, and a help-seeking session counts as followed when it holds
 * a ticket_submit or its person requests a ticket in [start, end + 24 h].
 *
 * Streaming makes this exact with bounded state: when a ticket at t arrives, every event
 * up to t has been seen, so a session whose latest event e satisfies t <= e + 24 h will
 * also satisfy it for its final end; a session whose person becomes known later is matched
 * against the person's latest ticket time instead.
 *
 * Visitors and people are keys of any kind (ids, or numbers standing for them), as long as
 * each stands for one visitor or person.
 */
import type { PortalEvent, Ticket } from '../core/records';

const GAP_MS = 30 * 60_000;
const LOOK_AHEAD_MS = 24 * 3_600_000;

type Key = string | number;

interface Session {
  start: number;
  end: number;
  person: Key | null;
  helpSeeking: boolean;
  followed: boolean;
  counted: boolean;
  followCounted: boolean;
}

export class TapTracker {
  private readonly open = new Map<Key, Session>();
  private readonly byPerson = new Map<Key, Session[]>();
  private readonly lastTicketAt = new Map<Key, number>();
  helpSeeking = 0;
  followed = 0;

  event(e: PortalEvent): void {
    this.visit(
      e.occurred_at,
      e.visitor_id,
      e.person_id,
      e.type === 'search' || e.type === 'article_view',
      e.type === 'ticket_submit',
    );
  }

  ticket(t: Ticket): void {
    this.request(t.created_at, t.requester_id);
  }

  /** A portal event at `at`; `helps` for searches and article views, `submits` for ticket_submit. */
  visit(at: number, visitor: Key, person: Key | null, helps: boolean, submits: boolean): void {
    let s = this.open.get(visitor);
    if (s === undefined || at - s.end > GAP_MS) {
      s = {
        start: at,
        end: at,
        person: null,
        helpSeeking: false,
        followed: false,
        counted: false,
        followCounted: false,
      };
      this.open.set(visitor, s);
    }
    s.end = at;
    if (s.person === null && person !== null) {
      s.person = person;
      const list = this.byPerson.get(person);
      if (list === undefined) this.byPerson.set(person, [s]);
      else list.push(s);
      const last = this.lastTicketAt.get(person);
      if (last !== undefined && last >= s.start) s.followed = true;
    }
    if (helps) s.helpSeeking = true;
    if (submits) s.followed = true;
    this.tally(s);
  }

  /** A ticket requested by `person` at `at`. */
  request(at: number, person: Key): void {
    this.lastTicketAt.set(person, at);
    const list = this.byPerson.get(person);
    if (list === undefined) return;
    for (const s of list) {
      if (s.start <= at && at <= s.end + LOOK_AHEAD_MS) {
        s.followed = true;
        this.tally(s);
      }
    }
  }

  /** Forgets sessions no later ticket can follow, keeping state proportional to a day. */
  prune(now: number): void {
    const horizon = now - LOOK_AHEAD_MS - GAP_MS;
    for (const [visitor, s] of this.open) if (s.end < horizon) this.open.delete(visitor);
    for (const [person, list] of this.byPerson) {
      const kept = list.filter((s) => s.end >= horizon);
      if (kept.length === 0) this.byPerson.delete(person);
      else if (kept.length !== list.length) this.byPerson.set(person, kept);
    }
    for (const [person, at] of this.lastTicketAt) if (at < horizon) this.lastTicketAt.delete(person);
  }

  share(): number | null {
    return this.helpSeeking === 0 ? null : this.followed / this.helpSeeking;
  }

  /** Counts a session once when it turns help-seeking, and its follow once when it turns followed. */
  private tally(s: Session): void {
    if (s.helpSeeking && !s.counted) {
      s.counted = true;
      this.helpSeeking++;
    }
    if (s.counted && s.followed && !s.followCounted) {
      s.followCounted = true;
      this.followed++;
    }
  }
}
