/**
 * Pulse record → one line of Pulse records NDJSON (METRICS.md, "Interchange format"):
 * snake_case fields, times as ISO 8601 UTC strings, ids as strings. Written field by field
 * because the generator encodes millions of records and JSON.stringify of a copied object
 * with converted dates is several times slower.
 */
import type { PulseRecord } from '../records';

const DAY_MS = 86_400_000;
const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** Years 0000–9999, where toISOString has the fixed "YYYY-MM-DDT" shape. */
const ISO_MAX = 253_402_300_800_000;
let cachedDay = NaN;
let cachedPrefix = '';

/** Quoted ISO 8601 UTC time; records arrive in time order, so the date part is cached per day. */
function iso(ms: number | null): string {
  if (ms === null) return 'null';
  if (!(ms >= 0 && ms < ISO_MAX) || !Number.isInteger(ms)) return `"${new Date(ms).toISOString()}"`;
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  let rest = ms - day * DAY_MS;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;
  return `"${cachedPrefix}${PAD2[hour]}:${PAD2[min]}:${PAD2[sec]}.${PAD3[milli]}Z"`;
}
/** Characters JSON must escape; most ids and names have none, and skip JSON.stringify. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const str = (s: string | null): string =>
  s === null ? 'null' : NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
const strs = (xs: readonly string[]): string => (xs.length === 0 ? '[]' : JSON.stringify(xs));
const num = (n: number | null): string => (n === null ? 'null' : String(n));
const bool = (b: boolean | null): string => (b === null ? 'null' : b ? 'true' : 'false');

/** The record as a JSON object on one line, without the trailing newline. */
export function encodeRecord(r: PulseRecord): string {
  switch (r.kind) {
    case 'account':
      return `{"kind":"account","id":${str(r.id)},"name":${str(r.name)},"tags":${strs(r.tags)},"created_at":${iso(r.created_at)}}`;
    case 'person':
      return `{"kind":"person","id":${str(r.id)},"account_id":${str(r.account_id)},"name":${str(r.name)},"email":${str(r.email)}}`;
    case 'ticket':
      return (
        `{"kind":"ticket","id":${str(r.id)},"account_id":${str(r.account_id)},"requester_id":${str(r.requester_id)},` +
        `"channel":"${r.channel}","priority":"${r.priority}","status":"${r.status}",` +
        `"created_at":${iso(r.created_at)},"solved_at":${iso(r.solved_at)},` +
        `"agent_replies":${r.agent_replies},"reopens":${r.reopens},"group_stations":${r.group_stations},` +
        `"first_reply_minutes":${num(r.first_reply_minutes)},"full_resolution_minutes":${num(r.full_resolution_minutes)},` +
        `"satisfaction":"${r.satisfaction}","tags":${strs(r.tags)},"subject":${str(r.subject)},"description":${str(r.description)}}`
      );
    case 'portal_event':
      return (
        `{"kind":"portal_event","type":"${r.type}","occurred_at":${iso(r.occurred_at)},"visitor_id":${str(r.visitor_id)},` +
        `"person_id":${str(r.person_id)},"account_id":${str(r.account_id)},"query":${str(r.query)},` +
        `"result_count":${num(r.result_count)},"clicked_result":${bool(r.clicked_result)},` +
        `"article_id":${str(r.article_id)},"device":"${r.device}"}`
      );
  }
}
