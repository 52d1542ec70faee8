import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeRecord } from '../../src/core/codec/encode';
import { toZendeskMetricSet, toZendeskTicket } from '../../src/platforms/zendesk/serialize';
import { createGenerator } from '../../src/generator';
import { writeDataset } from '../../src/generator/write-dataset';

const opts = { seed: 21, tickets: 3000, days: 45 };

/** What one thread makes: createGenerator's stream, encoded line by line. */
function sequential(): { records: string; tickets: string; truth: unknown } {
  const g = createGenerator(opts);
  let records = '';
  let tickets = '';
  for (const r of g.records()) {
    records += encodeRecord(r) + '\n';
    if (r.kind === 'ticket')
      tickets += JSON.stringify({ ...toZendeskTicket(r), metric_set: toZendeskMetricSet(r) }) + '\n';
  }
  return { records, tickets, truth: g.truth() };
}

describe('writeDataset', () => {
  const expected = sequential();

  it.each([1, 3])('writes the same bytes and truth as one thread, with %i worker(s)', async (workers) => {
    const out = mkdtempSync(join(tmpdir(), 'pulse-write-'));
    try {
      const summary = await writeDataset({ ...opts, out, workers, zendesk: false });
      expect(readFileSync(join(out, 'records.ndjson'), 'utf8')).toBe(expected.records);
      expect(JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8'))).toEqual(expected.truth);
      expect(summary.counts).toEqual((expected.truth as { counts: unknown }).counts);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('writes the same records and truth with the zendesk/ export files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pulse-write-'));
    try {
      await writeDataset({ ...opts, out });
      expect(readFileSync(join(out, 'records.ndjson'), 'utf8')).toBe(expected.records);
      expect(readFileSync(join(out, 'zendesk', 'tickets.json'), 'utf8')).toBe(expected.tickets);
      expect(JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8'))).toEqual(expected.truth);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('names a bad worker count', async () => {
    await expect(writeDataset({ ...opts, out: join(tmpdir(), 'never'), workers: 0 })).rejects.toThrow(
      /workers must be a positive integer, got 0/,
    );
  });
});
