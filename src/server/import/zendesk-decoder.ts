import type { PulseRecord } from '../../core/records';
import { parseAccount, parsePerson, parseTicket, parseTicketsPage } from '../../platforms/zendesk/parse';
import type { LineDecoder } from './import-lines';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * One Zendesk JSON value → records: an export/API page (`tickets` with `metric_sets`, `users`,
 * `organizations`), or a single ticket (optionally with its `metric_set`), user or organization, as
 * a JSON export file has one per line. Agents and admins are staff, so they give no record.
 */
export function decodeZendeskValue(value: unknown): PulseRecord[] {
  if (!isObject(value)) throw new Error('expected a JSON object');
  if ('tickets' in value || 'users' in value || 'organizations' in value) {
    const out: PulseRecord[] = [];
    for (const o of list(value.organizations)) {
      const a = parseAccount(o);
      if (a) out.push(a);
    }
    for (const u of list(value.users)) {
      const p = parsePerson(u);
      if (p) out.push(p);
    }
    out.push(...parseTicketsPage(value));
    return out;
  }
  const inner = isObject(value.ticket)
    ? value.ticket
    : isObject(value.user)
      ? value.user
      : isObject(value.organization)
        ? value.organization
        : value;
  if ('requester_id' in inner || 'via' in inner) {
    const t = parseTicket(inner, inner.metric_set ?? value.metric_set);
    if (!t) throw new Error('a Zendesk ticket needs an id and created_at');
    return [t];
  }
  if ('role' in inner || 'email' in inner) {
    const p = parsePerson(inner);
    return p ? [p] : [];
  }
  if ('domain_names' in inner || 'organization_fields' in inner) {
    const a = parseAccount(inner);
    if (!a) throw new Error('a Zendesk organization needs an id');
    return [a];
  }
  throw new Error('not a Zendesk ticket, user, organization or export page');
}

export const zendeskLineDecoder: LineDecoder = (line, lineNo) => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new Error(`line ${lineNo}: not valid JSON (${(err as Error).message})`);
  }
  try {
    return decodeZendeskValue(value);
  } catch (err) {
    throw new Error(`line ${lineNo}: ${(err as Error).message}`);
  }
};
