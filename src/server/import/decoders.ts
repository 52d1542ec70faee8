import { parseCanonicalEvent, parseRecordLine } from '../../core/codec/decode';
import type { LineDecoder } from './import-lines';

/** Pulse records NDJSON: one record per line; the codec's message already names the line and field. */
export const pulseRecordsDecoder: LineDecoder = (line, lineNo) => {
  // Most lines of a tenant's file are events in the encoder's own form: read those the fast way.
  const event = parseCanonicalEvent(line);
  if (event !== null) return [{ kind: 'portal_event', ...event }];
  const r = parseRecordLine(line, lineNo);
  if ('error' in r) throw new Error(r.error);
  return [r.record];
};

export type FileFormat = 'pulse' | 'zendesk';

/**
 * Tells the formats apart by the first non-blank line: a Pulse record names its `kind`; anything
 * else that is a JSON object is taken for a Zendesk export line.
 */
export function detectFormat(firstLine: string): FileFormat | null {
  let value: unknown;
  try {
    value = JSON.parse(firstLine);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return 'kind' in value ? 'pulse' : 'zendesk';
}
