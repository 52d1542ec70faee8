import { emptyDataset } from '../../src/core/dataset';
import { prepareDataset } from '../../src/core/prepare';
import { bucketWindows, computeSeries } from '../../src/core/series';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { DAY, HOUR, solvedTicket, T0 } from './fixtures';

describe('series', () => {
  it('splits a window into UTC days, clipped to the window', () => {
    expect(bucketWindows({ from: T0 + 12 * HOUR, to: T0 + 2 * DAY }, 'day')).toEqual([
      { from: T0 + 12 * HOUR, to: T0 + DAY, periodEnd: T0 + DAY },
      { from: T0 + DAY, to: T0 + 2 * DAY, periodEnd: T0 + 2 * DAY },
    ]);
  });

  it('starts weeks on Monday (2026-01-01 is a Thursday)', () => {
    const weeks = bucketWindows({ from: T0, to: T0 + 10 * DAY }, 'week');
    expect(weeks.map((w) => new Date(w.periodEnd).toISOString())).toEqual([
      '2026-01-05T00:00:00.000Z',
      '2026-01-12T00:00:00.000Z',
    ]);
  });

  it('computes each point with the metric definition and flags the unfinished period', () => {
    const tickets = [
      solvedTicket('a', 'p', T0, { satisfaction: 'good' }),
      solvedTicket('b', 'p', T0 + DAY, { satisfaction: 'bad' }),
    ];
    const p = prepareDataset({ ...emptyDataset(), tickets }, DEFAULT_SETTINGS);
    const s = computeSeries(p, 'csat', { from: T0, to: T0 + 3 * DAY }, 'day', DEFAULT_SETTINGS);
    expect(s.points.map((x) => [x.value, x.numerator, x.denominator, x.in_progress])).toEqual([
      [1, 1, 1, false],
      [0, 0, 1, true],
      [null, 0, 0, true],
    ]);
    expect(s.data_as_of).toBe(new Date(T0 + DAY + HOUR).toISOString());
  });
});
