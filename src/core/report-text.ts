import type { Rate } from './dataset';
import { METRIC_KEYS, type Report } from './report';

function pct(r: Rate): string {
  return r.value === null
    ? 'no data'
    : `${(r.value * 100).toFixed(1)} %  (${r.numerator} / ${r.denominator})`;
}

function num(v: number | null, unit = ''): string {
  return v === null ? 'no data' : `${Math.round(v * 100) / 100}${unit}`;
}

function isRate(v: unknown): v is Rate {
  return typeof v === 'object' && v !== null && 'numerator' in v && 'denominator' in v;
}

/** A report as an aligned plain-text table for the terminal. */
export function formatReportText(report: Report): string {
  const rows: [string, string][] = [];
  const m = report.metrics;
  for (const key of METRIC_KEYS) {
    const v: unknown = m[key];
    if (key === 'self_service_score') {
      const r = m.self_service_score;
      rows.push([
        key,
        r.value === null
          ? 'no data'
          : `${r.value.toFixed(2)}  (${r.numerator} visitors / ${r.denominator} requesters)`,
      ]);
    } else if (isRate(v)) rows.push([key, pct(v)]);
    else if (typeof v === 'number' || v === null)
      rows.push([key, num(v, key.endsWith('minutes') ? ' min' : '')]);
    else if (key === 'deflected_tickets_vs_baseline') {
      const d = m.deflected_tickets_vs_baseline;
      rows.push([
        key,
        d.value === null
          ? 'no data (no baseline set)'
          : `${num(d.value)}  (baseline ${num(d.baseline_tickets_per_day)}/day, ${d.baseline_source})`,
      ]);
    } else if (key === 'feature_utilization') {
      for (const [type, r] of Object.entries(m.feature_utilization))
        rows.push([`feature_utilization.${type}`, pct(r)]);
    } else if (key === 'content_gaps') {
      rows.push([
        key,
        m.content_gaps.length === 0
          ? 'none'
          : m.content_gaps
              .slice(0, 10)
              .map((g) => `${g.query} (${g.count})`)
              .join(', '),
      ]);
    } else if (key === 'predicted_csat') {
      const p = m.predicted_csat;
      rows.push([
        key,
        p.status === 'ok'
          ? `${num(p.value === null ? null : p.value * 100)} %  (${p.tickets} solved tickets; held-out AUC ${p.auc.toFixed(2)} on ${p.held_out}, trained on ${p.trained_on})`
          : p.status === 'insufficient_data'
            ? `too little data (${p.rated_tickets} rated tickets, needs ${p.needed})`
            : `unavailable (${p.reason})`,
      ]);
    }
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  const head = [
    `window     ${report.window.from} – ${report.window.to} (end exclusive)`,
    `data as of ${report.data_as_of ?? 'no data'}`,
    `segment    ${
      Object.entries(report.segment)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' ') || 'all'
    }`,
    '',
  ];
  return [...head, ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`)].join('\n') + '\n';
}
