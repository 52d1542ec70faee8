import { emptyDataset } from '../../src/core/dataset';
import { accountHealth, healthTrends } from '../../src/core/health';
import { prepareDataset } from '../../src/core/prepare';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { createGenerator } from '../../src/generator';

/**
 * The generator lets ~10 % of accounts slide over the last 60 days (more tickets, angrier text,
 * worse ratings, less portal use). Health must see them: at risk, or a falling weekly trend.
 */
describe('account health against the generator ground truth', () => {
  it('puts at least 80 % of deteriorating accounts in the bottom band or flags them falling', () => {
    const gen = createGenerator({ seed: 7, tickets: 20_000 });
    const data = emptyDataset();
    for (const r of gen.records()) {
      if (r.kind === 'account') data.accounts.push(r);
      else if (r.kind === 'person') data.persons.push(r);
      else if (r.kind === 'ticket') data.tickets.push(r);
      else data.events.push(r);
    }
    const truth = gen.truth();
    const prepared = prepareDataset(data, DEFAULT_SETTINGS);
    const asOf = Date.parse(truth.window.to);
    const health = accountHealth(prepared, DEFAULT_SETTINGS, asOf);
    const trends = healthTrends(prepared, DEFAULT_SETTINGS, asOf);
    const flagged = (id: string) =>
      health.find((h) => h.account_id === id)?.band === 'at_risk' || trends.get(id)?.falling === true;

    const deteriorating = new Set(truth.deteriorating_accounts);
    expect(deteriorating.size).toBeGreaterThan(30);
    const caught = [...deteriorating].filter(flagged).length;
    expect(caught / deteriorating.size).toBeGreaterThanOrEqual(0.8);
    // The flag must still mean something: most steady accounts are not flagged.
    const steady = health.filter((h) => h.score !== null && !deteriorating.has(h.account_id));
    const falseAlarms = steady.filter((h) => flagged(h.account_id)).length;
    expect(falseAlarms / steady.length).toBeLessThan(0.35);
  });
});
