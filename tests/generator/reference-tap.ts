/** A direct, non-streaming reading of METRICS.md's TAP, to check the generator's truth against. */
import type { PortalEvent, PulseRecord } from '../../src/core/records';

const GAP = 30 * 60_000;
const W = 24 * 3_600_000;

export function referenceTap(records: readonly PulseRecord[]): { helpSeeking: number; followed: number } {
  const byVisitor = new Map<string, PortalEvent[]>();
  const ticketsByPerson = new Map<string, number[]>();
  for (const r of records) {
    if (r.kind === 'portal_event') {
      const list = byVisitor.get(r.visitor_id) ?? [];
      list.push(r);
      byVisitor.set(r.visitor_id, list);
    } else if (r.kind === 'ticket') {
      const list = ticketsByPerson.get(r.requester_id) ?? [];
      list.push(r.created_at);
      ticketsByPerson.set(r.requester_id, list);
    }
  }
  let helpSeeking = 0;
  let followed = 0;
  for (const events of byVisitor.values()) {
    events.sort((a, b) => a.occurred_at - b.occurred_at);
    let session: PortalEvent[] = [];
    const close = (): void => {
      if (session.length === 0) return;
      if (!session.some((e) => e.type === 'search' || e.type === 'article_view')) return;
      helpSeeking++;
      const start = (session[0] as PortalEvent).occurred_at;
      const end = (session[session.length - 1] as PortalEvent).occurred_at;
      const person = session.find((e) => e.person_id !== null)?.person_id ?? null;
      const submitted = session.some((e) => e.type === 'ticket_submit');
      const times = person === null ? [] : (ticketsByPerson.get(person) ?? []);
      if (submitted || times.some((t) => start <= t && t <= end + W)) followed++;
    };
    for (const e of events) {
      const last = session[session.length - 1];
      if (last !== undefined && e.occurred_at - last.occurred_at > GAP) {
        close();
        session = [];
      }
      session.push(e);
    }
    close();
  }
  return { helpSeeking, followed };
}
