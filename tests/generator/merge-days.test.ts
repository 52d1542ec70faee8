import type { DayRun } from '../../src/generator/day-blocks';
import { LINE_EVENT, LINE_HELP_EVENT, LINE_TICKET } from '../../src/generator/day-blocks';
import { planDays } from '../../src/generator/days';
import { DayMerger } from '../../src/generator/merge-days';
import { TapTracker } from '../../src/generator/tap-tracker';

const plan = planDays(1, 10, Date.UTC(2026, 0, 3), 2);
const t0 = plan.start;

interface Line {
  text: string;
  at: number;
  code: number;
  visitor?: number;
  person?: number;
}

/** A sorted run as a worker would send it. */
function run(bucket: number, lines: Line[]): DayRun {
  const encode = (texts: string[]) => {
    const bytes = Buffer.from(texts.map((t) => t + '\n').join(''));
    let at = 0;
    return { bytes, ends: Uint32Array.from(texts, (t) => (at += t.length + 1)) };
  };
  return {
    bucket,
    ...encode(lines.map((l) => l.text)),
    times: Float64Array.from(lines, (l) => t0 + l.at),
    codes: Uint8Array.from(lines, (l) => l.code),
    visitors: Int32Array.from(lines, (l) => l.visitor ?? 0),
    persons: Int32Array.from(lines, (l) => l.person ?? 0),
  };
}

const block = (day: number, runs: DayRun[]) => ({
  day,
  runs,
  ratedNumbers: new Int32Array(0),
  ratedP: new Float64Array(0),
});

/** A sink gathering what the merger writes, as text. */
function collect() {
  const out = { text: '' };
  return { out, sink: (b: Uint8Array) => void (out.text += Buffer.from(b).toString()) };
}

describe('DayMerger', () => {
  it('orders by time, then events before tickets, then the earlier-generated day', () => {
    const tracker = new TapTracker();
    const merger = new DayMerger(plan, tracker);
    merger.add(
      block(0, [
        run(0, [
          { text: 'a', at: 1000, code: LINE_HELP_EVENT, visitor: 1 },
          { text: 'b', at: 2000, code: LINE_TICKET, person: 5 },
        ]),
      ]),
    );
    merger.add(
      block(1, [
        run(0, [
          { text: 'e', at: 1000, code: LINE_EVENT, visitor: 2 },
          { text: 'c', at: 1000, code: LINE_TICKET, person: 6 },
          { text: 'd', at: 2000, code: LINE_EVENT, visitor: 2, person: 6 },
        ]),
      ]),
    );
    const { out, sink } = collect();
    merger.write(0, sink);
    expect(out.text).toBe('a\ne\nc\nd\nb\n');
    expect(merger.counts).toEqual({ tickets: 2, portal_events: 3 });
    // Visitor 1 sought help and never became a requester; visitor 2 only browsed.
    expect([tracker.helpSeeking, tracker.followed]).toEqual([1, 0]);
  });

  it('refuses a block that adds to a day already written', () => {
    const merger = new DayMerger(plan, new TapTracker());
    merger.add(block(0, [run(0, [{ text: 'a', at: 0, code: LINE_EVENT, visitor: 1 }])]));
    merger.write(0, collect().sink);
    expect(() =>
      merger.add(block(1, [run(0, [{ text: 'b', at: 5, code: LINE_EVENT, visitor: 1 }])])),
    ).toThrow(/day 1 made records for day 0, which is already written/);
  });
});
