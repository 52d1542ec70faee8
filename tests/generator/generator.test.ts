import type { PortalEvent, PulseRecord, Ticket } from '../../src/core/records';
import { encodeRecord } from '../../src/core/codec/encode';
import { createGenerator, helpCenterArticles, ticketsForScale, type Truth } from '../../src/generator';
import { referenceTap } from './reference-tap';

const DAY = 86_400_000;

function generate(seed: number, tickets: number, days = 365): { records: PulseRecord[]; truth: Truth } {
  const g = createGenerator({ seed, tickets, days });
  const records = [...g.records()];
  return { records, truth: g.truth() };
}

const encodeAll = (records: readonly PulseRecord[]): string => records.map(encodeRecord).join('\n');
const timeOf = (r: PulseRecord): number =>
  r.kind === 'ticket' ? r.created_at : r.kind === 'portal_event' ? r.occurred_at : 0;

describe('determinism', () => {
  it('gives the same bytes for the same seed and different bytes for another seed', () => {
    const a = encodeAll(generate(11, 400, 60).records);
    const b = encodeAll(generate(11, 400, 60).records);
    const c = encodeAll(generate(12, 400, 60).records);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('refuses truth() before the stream is read', () => {
    expect(() => createGenerator({ seed: 1, tickets: 10 }).truth()).toThrow(/records\(\)/);
  });
});

describe('ticketsForScale', () => {
  it('maps names and integer strings, and names a bad value', () => {
    expect(ticketsForScale('small')).toBe(2_000);
    expect(ticketsForScale('medium')).toBe(100_000);
    expect(ticketsForScale('large')).toBe(1_000_000);
    expect(ticketsForScale('1234')).toBe(1234);
    expect(() => ticketsForScale('huge')).toThrow(/"huge"/);
    expect(() => ticketsForScale('0')).toThrow(/"0"/);
    expect(() => ticketsForScale('1.5')).toThrow(/"1.5"/);
  });
});

describe('a small tenant', () => {
  const { records, truth } = generate(5, 4000);
  const tickets = records.filter((r): r is Ticket => r.kind === 'ticket');
  const events = records.filter((r): r is PortalEvent => r.kind === 'portal_event');
  const end = Date.parse(truth.window.to);

  it('streams accounts, then persons, then tickets and events in time order', () => {
    const kinds = records.map((r) => r.kind);
    const firstPerson = kinds.indexOf('person');
    const firstActivity = kinds.findIndex((k) => k === 'ticket' || k === 'portal_event');
    expect(kinds.slice(0, firstPerson).every((k) => k === 'account')).toBe(true);
    expect(kinds.slice(firstPerson, firstActivity).every((k) => k === 'person')).toBe(true);
    const times = records.slice(firstActivity).map(timeOf);
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] as number))).toBe(true);
    expect(tickets).toHaveLength(4000);
    expect(events.length / tickets.length).toBeGreaterThan(3.5);
    expect(events.length / tickets.length).toBeLessThan(7);
  });

  it('has heavy-tailed account sizes', () => {
    const perAccount = new Map<string, number>();
    for (const t of tickets)
      if (t.account_id) perAccount.set(t.account_id, (perAccount.get(t.account_id) ?? 0) + 1);
    const sizes = [...perAccount.values()].sort((a, b) => b - a);
    const top = sizes.slice(0, Math.ceil(sizes.length / 10)).reduce((s, n) => s + n, 0);
    const all = sizes.reduce((s, n) => s + n, 0);
    expect(top / all).toBeGreaterThan(0.35);
  });

  it('has quiet weekends', () => {
    const byDow = new Array<number>(7).fill(0);
    for (const t of tickets) {
      const d = new Date(t.created_at).getUTCDay();
      byDow[d] = (byDow[d] as number) + 1;
    }
    const weekday = ((byDow[1] as number) + (byDow[2] as number) + (byDow[3] as number)) / 3;
    const weekend = ((byDow[0] as number) + (byDow[6] as number)) / 2;
    expect(weekday).toBeGreaterThan(2 * weekend);
  });

  it('uses every channel and priority', () => {
    for (const c of ['web', 'email', 'chat', 'voice', 'api'])
      expect(tickets.filter((t) => t.channel === c).length / tickets.length).toBeGreaterThan(0.03);
    for (const p of ['low', 'normal', 'high', 'urgent'])
      expect(tickets.some((t) => t.priority === p)).toBe(true);
  });

  it('keeps ticket lifecycles consistent', () => {
    const broken = tickets.filter((t) => {
      const solved = t.status === 'solved' || t.status === 'closed';
      return (
        (t.solved_at !== null) !== solved ||
        (t.full_resolution_minutes !== null) !== solved ||
        (t.solved_at !== null && (t.solved_at < t.created_at || t.solved_at >= end)) ||
        (t.satisfaction !== 'unoffered' && !solved) ||
        (t.agent_replies === 0 && t.first_reply_minutes !== null)
      );
    });
    expect(broken).toEqual([]);
    const unsolved = tickets.filter((t) => t.solved_at === null);
    expect(unsolved.length).toBeGreaterThan(0);
    // Unsolved tickets are the recent ones.
    for (const t of unsolved) expect(t.created_at).toBeGreaterThan(end - 120 * DAY);
    const offered = tickets.filter((t) => t.satisfaction !== 'unoffered').length;
    const rated = tickets.filter((t) => t.satisfaction === 'good' || t.satisfaction === 'bad');
    expect(offered).toBeLessThan(tickets.length);
    expect(rated.length).toBeLessThan(offered);
    expect(Object.keys(truth.p_good).sort()).toEqual(rated.map((t) => t.id).sort());
  });

  it('makes P(good) predictive: rated-good tickets have higher truth P(good)', () => {
    let concordant = 0;
    let pairs = 0;
    const rated = tickets.filter((t) => t.satisfaction === 'good' || t.satisfaction === 'bad');
    const good = rated.filter((t) => t.satisfaction === 'good').map((t) => truth.p_good[t.id] as number);
    const bad = rated.filter((t) => t.satisfaction === 'bad').map((t) => truth.p_good[t.id] as number);
    for (const g of good)
      for (const b of bad) {
        pairs++;
        concordant += g > b ? 1 : g === b ? 0.5 : 0;
      }
    const auc = concordant / pairs;
    expect(auc).toBeGreaterThan(0.75);
    expect(auc).toBeLessThan(0.95);
  });

  it('computes the ticket-after-portal share exactly as METRICS.md defines it', () => {
    const ref = referenceTap(records);
    expect(truth.help_seeking_sessions).toBe(ref.helpSeeking);
    expect(truth.help_seeking_sessions_followed).toBe(ref.followed);
    expect(truth.ticket_after_portal_share).toBeCloseTo(ref.followed / ref.helpSeeking, 12);
    expect(truth.ticket_after_portal_share).toBeGreaterThan(0.15);
    expect(truth.ticket_after_portal_share).toBeLessThan(0.7);
  });

  it('has sessions that lead to a ticket from the same person within hours', () => {
    const portalTickets = tickets.filter((t) => t.tags.includes('portal'));
    expect(portalTickets.length).toBeGreaterThan(tickets.length * 0.1);
    const t = portalTickets.find((x) => x.channel !== 'web' && x.account_id !== null) as Ticket;
    const before = events.filter((e) => e.person_id === t.requester_id && e.occurred_at <= t.created_at);
    const last = before[before.length - 1] as PortalEvent;
    expect(t.created_at - last.occurred_at).toBeLessThanOrEqual(24 * 3_600_000);
  });

  it('has portal events of every kind, zero-result searches, catalog articles and all devices', () => {
    const ids = new Set(helpCenterArticles(5).map((a) => a.id));
    for (const type of [
      'page_view',
      'search',
      'article_view',
      'vote',
      'ticket_form_view',
      'ticket_submit',
      'login',
    ])
      expect(events.some((e) => e.type === type)).toBe(true);
    expect(events.some((e) => e.type === 'search' && e.result_count === 0)).toBe(true);
    expect(events.filter((e) => e.article_id !== null).every((e) => ids.has(e.article_id as string))).toBe(
      true,
    );
    for (const d of ['desktop', 'mobile', 'tablet']) expect(events.some((e) => e.device === d)).toBe(true);
    // Anonymous visitors submit requests too.
    expect(events.some((e) => e.type === 'ticket_submit' && e.person_id === null)).toBe(true);
  });

  it('lets deteriorating accounts file more, rate worse and visit less in the last 60 days', () => {
    const accounts = records.filter((r) => r.kind === 'account').length;
    const bad = new Set(truth.deteriorating_accounts);
    expect(bad.size).toBe(Math.round(accounts * 0.1));
    const from = Date.parse(truth.deterioration_from);
    const share = (list: readonly { account_id: string | null }[]): number =>
      list.filter((x) => x.account_id !== null && bad.has(x.account_id)).length / list.length;
    const recent = tickets.filter((t) => t.created_at >= from);
    const older = tickets.filter((t) => t.created_at < from);
    expect(share(recent)).toBeGreaterThan(1.3 * share(older));
    const lastMonth = tickets.filter((t) => t.created_at >= end - 30 * DAY);
    const csat = (list: Ticket[]): number =>
      list.filter((t) => t.satisfaction === 'good').length /
      list.filter((t) => t.satisfaction === 'good' || t.satisfaction === 'bad').length;
    const mine = (t: Ticket): boolean => t.account_id !== null && bad.has(t.account_id);
    expect(csat(lastMonth.filter(mine))).toBeLessThan(csat(older.filter(mine)) - 0.1);
    const visitsPerTicket = (since: boolean): number => {
      const ev = events.filter(
        (e) => e.account_id !== null && bad.has(e.account_id) && e.occurred_at >= from === since,
      );
      const tk = tickets.filter((t) => mine(t) && t.created_at >= from === since);
      return ev.length / tk.length;
    };
    expect(visitsPerTicket(true)).toBeLessThan(visitsPerTicket(false));
  });
});
