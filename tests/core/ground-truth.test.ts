import { toDataset } from '../../src/core/dataset';
import { prepareDataset } from '../../src/core/prepare';
import { computeReport } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { createGenerator } from '../../src/generator';

describe("against the generator's ground truth", () => {
  it('TAP over the whole generated data is within 0.02 of the true share', () => {
    const gen = createGenerator({ seed: 7, tickets: 5000 });
    const data = toDataset(gen.records());
    const truth = gen.truth();
    const prepared = prepareDataset(data, DEFAULT_SETTINGS);
    const window = { from: Date.parse(truth.window.from), to: Date.parse(truth.window.to) };
    const tap = computeReport(prepared, window, DEFAULT_SETTINGS).metrics.ticket_after_portal_rate;
    expect(truth.ticket_after_portal_share).not.toBeNull();
    expect(tap.denominator).toBeGreaterThan(500);
    expect(Math.abs(tap.value! - truth.ticket_after_portal_share!)).toBeLessThanOrEqual(0.02);
  });
});
