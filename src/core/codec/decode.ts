import { ColumnarDatasetBuilder, type ColumnarDataset } from '../dataset';
import type { EventFields } from '../event-table';
import {
  CHANNELS,
  DEVICES,
  PORTAL_EVENT_TYPES,
  PRIORITIES,
  SATISFACTIONS,
  TICKET_STATUSES,
  type Account,
  type Person,
  type PortalEvent,
  type PulseRecord,
  type Ticket,
} from '../records';

/** Pulse records NDJSON → records. Pure: the caller supplies the lines (see `decodeLines`). */

export type DecodeResult = { record: PulseRecord } | { error: string };

export interface LineError {
  line: number;
  message: string;
}

class FieldError extends Error {}

type Obj = Record<string, unknown>;

function field(o: Obj, name: string): unknown {
  return o[name];
}

function str(o: Obj, name: string): string {
  const v = field(o, name);
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new FieldError(`field "${name}" must be a non-empty string, got ${show(v)}`);
}

function optStr(o: Obj, name: string): string | null {
  const v = field(o, name);
  if (v === undefined || v === null || v === '') return null;
  return str(o, name);
}

function time(o: Obj, name: string): number {
  const v = field(o, name);
  if (typeof v === 'string') {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  throw new FieldError(`field "${name}" must be an ISO 8601 time, got ${show(v)}`);
}

function optTime(o: Obj, name: string): number | null {
  const v = field(o, name);
  return v === undefined || v === null ? null : time(o, name);
}

function count(o: Obj, name: string, fallback?: number): number {
  const v = field(o, name);
  if ((v === undefined || v === null) && fallback !== undefined) return fallback;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  throw new FieldError(`field "${name}" must be a non-negative integer, got ${show(v)}`);
}

function optMinutes(o: Obj, name: string): number | null {
  const v = field(o, name);
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  throw new FieldError(`field "${name}" must be a non-negative number or null, got ${show(v)}`);
}

function oneOf<T extends string>(o: Obj, name: string, values: readonly T[], fallback?: T): T {
  const v = field(o, name);
  if ((v === undefined || v === null) && fallback !== undefined) return fallback;
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  throw new FieldError(`field "${name}" must be one of ${values.join(', ')}, got ${show(v)}`);
}

function strings(o: Obj, name: string): string[] {
  const v = field(o, name);
  if (v === undefined || v === null) return [];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw new FieldError(`field "${name}" must be an array of strings, got ${show(v)}`);
}

function text(o: Obj, name: string): string {
  const v = field(o, name);
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  throw new FieldError(`field "${name}" must be a string, got ${show(v)}`);
}

function optBool(o: Obj, name: string): boolean | null {
  const v = field(o, name);
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v;
  throw new FieldError(`field "${name}" must be true, false or null, got ${show(v)}`);
}

function optCount(o: Obj, name: string): number | null {
  const v = field(o, name);
  return v === undefined || v === null ? null : count(o, name);
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function account(o: Obj): Account {
  return {
    kind: 'account',
    id: str(o, 'id'),
    name: text(o, 'name'),
    tags: strings(o, 'tags'),
    created_at: optTime(o, 'created_at'),
  };
}

function person(o: Obj): Person {
  return {
    kind: 'person',
    id: str(o, 'id'),
    account_id: optStr(o, 'account_id'),
    name: optStr(o, 'name'),
    email: optStr(o, 'email'),
  };
}

function ticket(o: Obj): Ticket {
  return {
    kind: 'ticket',
    id: str(o, 'id'),
    account_id: optStr(o, 'account_id'),
    requester_id: str(o, 'requester_id'),
    channel: oneOf(o, 'channel', CHANNELS, 'other'),
    priority: oneOf(o, 'priority', PRIORITIES, 'normal'),
    status: oneOf(o, 'status', TICKET_STATUSES),
    created_at: time(o, 'created_at'),
    solved_at: optTime(o, 'solved_at'),
    agent_replies: count(o, 'agent_replies', 0),
    reopens: count(o, 'reopens', 0),
    group_stations: count(o, 'group_stations', 1),
    first_reply_minutes: optMinutes(o, 'first_reply_minutes'),
    full_resolution_minutes: optMinutes(o, 'full_resolution_minutes'),
    satisfaction: oneOf(o, 'satisfaction', SATISFACTIONS, 'unoffered'),
    tags: strings(o, 'tags'),
    subject: text(o, 'subject'),
    description: text(o, 'description'),
  };
}

function portalEvent(o: Obj): PortalEvent {
  return {
    kind: 'portal_event',
    type: oneOf(o, 'type', PORTAL_EVENT_TYPES),
    occurred_at: time(o, 'occurred_at'),
    visitor_id: str(o, 'visitor_id'),
    person_id: optStr(o, 'person_id'),
    account_id: optStr(o, 'account_id'),
    query: field(o, 'query') === undefined || field(o, 'query') === null ? null : text(o, 'query'),
    result_count: optCount(o, 'result_count'),
    clicked_result: optBool(o, 'clicked_result'),
    article_id: optStr(o, 'article_id'),
    device: oneOf(o, 'device', DEVICES, 'desktop'),
  };
}

const DECODERS: Record<PulseRecord['kind'], (o: Obj) => PulseRecord> = {
  account,
  person,
  ticket,
  portal_event: portalEvent,
};

/**
 * Decodes one NDJSON line. Unknown fields are ignored; optional fields may be absent. The error
 * names the line and the field. Blank lines are the caller's to skip.
 */
export function parseRecordLine(line: string, lineNo: number): DecodeResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { error: `line ${lineNo}: not valid JSON (${(err as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: `line ${lineNo}: expected a JSON object` };
  }
  const o = value as Obj;
  const kind = o.kind;
  if (typeof kind !== 'string' || !(kind in DECODERS)) {
    return {
      error: `line ${lineNo}: field "kind" must be one of account, person, ticket, portal_event, got ${show(kind)}`,
    };
  }
  try {
    return { record: DECODERS[kind as PulseRecord['kind']](o) };
  } catch (err) {
    if (err instanceof FieldError) return { error: `line ${lineNo}: ${kind}: ${err.message}` };
    throw err;
  }
}

export interface DecodedRecords {
  records: PulseRecord[];
  errors: LineError[];
  lines: number;
}

/** Decodes lines one by one (any iterable or async iterable, e.g. readline), collecting every bad line. */
export async function decodeLines(lines: AsyncIterable<string> | Iterable<string>): Promise<DecodedRecords> {
  const out: DecodedRecords = { records: [], errors: [], lines: 0 };
  for await (const line of lines) {
    out.lines++;
    if (line.trim() === '') continue;
    const r = parseRecordLine(line, out.lines);
    if ('record' in r) out.records.push(r.record);
    else out.errors.push({ line: out.lines, message: r.error });
  }
  return out;
}

export interface DecodedColumns {
  data: ColumnarDataset;
  errors: LineError[];
  lines: number;
}

/** A JSON string without escapes or control characters (captured), or null. */
const STR = '(?:"([^"\\\\\\u0000-\\u001f]*)"|null)';
/**
 * A portal event exactly as `encodeRecord` writes it: keys in its order, no whitespace, strings
 * without escapes. Millions of these lines are most of a tenant's file, and matching them is
 * about five times cheaper than JSON.parse plus the field checks.
 */
const CANONICAL_EVENT = new RegExp(
  '^\\{"kind":"portal_event","type":"([a-z_]+)",' +
    '"occurred_at":"(\\d{4})-(\\d\\d)-(\\d\\d)T(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3})Z",' +
    `"visitor_id":"([^"\\\\\\u0000-\\u001f]+)","person_id":${STR},"account_id":${STR},"query":${STR},` +
    '"result_count":(?:(0|[1-9]\\d{0,8})|null),"clicked_result":(true|false|null),' +
    `"article_id":${STR},"device":"([a-z]+)"\\}$`,
);
const EVENT_PREFIX = '{"kind":"portal_event"';
const EVENT_TYPES: ReadonlySet<string> = new Set(PORTAL_EVENT_TYPES);
const EVENT_DEVICES: ReadonlySet<string> = new Set(DEVICES);

/** An optional id as `optStr` reads it: absent or empty is null. */
function optionalId(v: string | undefined): string | null {
  return v === undefined || v === '' ? null : v;
}

/**
 * The event of a line in the encoder's canonical form, or null for any other line – which the
 * general path then decodes or rejects with its message. Whatever this returns, the general path
 * returns too (a property test holds them to it); values it cannot vouch for (an unknown type,
 * a month 13) are left to the general path.
 */
export function parseCanonicalEvent(line: string): EventFields | null {
  // Other kinds of line are turned away before the regular expression runs.
  if (!line.startsWith(EVENT_PREFIX)) return null;
  const m = CANONICAL_EVENT.exec(line);
  if (m === null) return null;
  const type = m[1] as string;
  const device = m[16] as string;
  const month = Number(m[3]);
  const day = Number(m[4]);
  const hour = Number(m[5]);
  const minute = Number(m[6]);
  const second = Number(m[7]);
  if (!EVENT_TYPES.has(type) || !EVENT_DEVICES.has(device)) return null;
  // Date.UTC rolls a 30 February over into March as Date.parse does (the property test holds
  // them to it); out-of-range fields are left to the general path's message.
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const clicked = m[14];
  return {
    type: type as PortalEvent['type'],
    occurred_at: Date.UTC(Number(m[2]), month - 1, day, hour, minute, second, Number(m[8])),
    visitor_id: m[9] as string,
    person_id: optionalId(m[10]),
    account_id: optionalId(m[11]),
    query: m[12] ?? null,
    result_count: m[13] === undefined ? null : Number(m[13]),
    clicked_result: clicked === 'null' ? null : clicked === 'true',
    article_id: optionalId(m[15]),
    device: device as PortalEvent['device'],
  };
}

/** Adds one line's record to the builder, or its error to `errors`. */
function decodeInto(data: ColumnarDatasetBuilder, errors: LineError[], line: string, n: number): void {
  if (line.trim() === '') return;
  const event = parseCanonicalEvent(line);
  if (event !== null) {
    data.addEvent(event);
    return;
  }
  const r = parseRecordLine(line, n);
  if ('record' in r) data.add(r.record);
  else errors.push({ line: n, message: r.error });
}

/**
 * {@link decodeLines} into a columnar dataset: each portal event is appended to the event columns
 * as its line is read, so millions of events are never held as objects.
 */
export async function decodeLinesToColumns(
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<DecodedColumns> {
  const data = new ColumnarDatasetBuilder();
  const errors: LineError[] = [];
  let n = 0;
  for await (const line of lines) decodeInto(data, errors, line, ++n);
  return { data: data.build(), errors, lines: n };
}

/**
 * {@link decodeLinesToColumns} over text chunks (a file stream with an encoding set): lines are
 * split here and decoded synchronously chunk by chunk, without readline's per-line promise. A
 * line ends at "\n" (a "\r" before it is dropped), so numbering matches an editor's.
 */
export async function decodeChunksToColumns(chunks: AsyncIterable<string>): Promise<DecodedColumns> {
  const data = new ColumnarDatasetBuilder();
  const errors: LineError[] = [];
  let n = 0;
  let rest = '';
  const take = (line: string) =>
    decodeInto(data, errors, line.endsWith('\r') ? line.slice(0, -1) : line, ++n);
  for await (const chunk of chunks) {
    let from = 0;
    let end = chunk.indexOf('\n');
    if (end >= 0) {
      take(rest + chunk.slice(0, end));
      rest = '';
      from = end + 1;
      while ((end = chunk.indexOf('\n', from)) >= 0) {
        take(chunk.slice(from, end));
        from = end + 1;
      }
    }
    rest += chunk.slice(from);
  }
  if (rest !== '') take(rest);
  return { data: data.build(), errors, lines: n };
}
