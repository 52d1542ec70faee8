import fc from 'fast-check';
import { median } from '../../src/core/stats';

describe('median', () => {
  it('is null for no values, the middle for an odd count, the mean of the middle two for an even count', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7, 7])).toBe(7);
  });

  it('agrees with sorting for any list', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 60 }), (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        const m = s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
        expect(median(xs)).toBe(m);
      }),
    );
  });
});
