import type { Ticket } from '../../src/core/records';
import type { TenantRecords } from '../../src/server/dataset/load-records';
import type { AccountHealthRow, Engine, Segment, Window } from '../../src/server/engine';

/**
 * A transparent engine for route tests: it counts tickets, so every figure can be worked out by
 * hand. The real metric definitions are tested in core; these tests prove the server around them.
 */
export interface Counted {
  records: TenantRecords;
}

const inSegment = (t: Ticket, s: Segment, records: TenantRecords) =>
  (s.account_id === undefined || t.account_id === s.account_id) &&
  (s.channel === undefined || t.channel === s.channel) &&
  (s.account_tag === undefined ||
    records.accounts.some((a) => a.id === t.account_id && a.tags.includes(s.account_tag!)));
const inWindow = (t: Ticket, w: Window) => t.created_at >= w.from && t.created_at < w.to;

export const fakeEngine: Engine<Counted> = {
  prepare: (records) => ({ records }),
  metricKeys: ['tickets'],
  report: (p, w, _settings, s) => {
    const n = p.records.tickets.filter((t) => inWindow(t, w) && inSegment(t, s, p.records)).length;
    return {
      tickets: n,
      csat: { value: null, numerator: 0, denominator: 0 },
      content_gaps: [{ query: 'reset', count: n }],
    };
  },
  series: (p, metric, w, interval) => {
    const step = interval === 'day' ? 86_400_000 : 7 * 86_400_000;
    const points = [];
    for (let t = w.from; t < w.to; t += step) {
      points.push({
        start: new Date(t).toISOString(),
        value: p.records.tickets.filter((x) => inWindow(x, { from: t, to: t + step })).length,
      });
    }
    return { metric, points };
  },
  accountHealth: (p): AccountHealthRow[] =>
    p.records.accounts.map((a) => {
      const n = p.records.tickets.filter((t) => t.account_id === a.id).length;
      const score = n === 0 ? null : Math.max(0, 100 - 30 * n);
      return {
        account_id: a.id,
        name: a.name,
        tags: a.tags,
        score,
        band: score === null ? null : score >= 70 ? 'healthy' : score >= 40 ? 'watch' : 'at_risk',
        factors: [],
      };
    }),
  accountDetail: (p, _s, id) =>
    p.records.accounts.some((a) => a.id === id) ? { health: { score: 1 }, trend: [], summary: 'fine' } : null,
};
