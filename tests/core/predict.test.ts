import fc from 'fast-check';
import { auc } from '../../src/core/predict/auc';
import { calibrationBins } from '../../src/core/predict/calibration';
import { isHeldOut, MIN_RATED, scoreSolvedTickets, trainCsatModel } from '../../src/core/predict/csat-model';
import { fitLogistic, sigmoid } from '../../src/core/predict/logistic';
import type { Ticket } from '../../src/core/records';
import { ticketSentiment } from '../../src/core/sentiment';
import { DAY, solvedTicket, T0, ticket } from './fixtures';

/** A small deterministic PRNG (mulberry32), so the synthetic data is the same every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('auc', () => {
  it('is the share of (positive, negative) pairs ordered right', () => {
    // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs right.
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
  });

  it('counts a tie as half a pair', () => {
    // Positives 0.5 and 0.9 against negatives 0.5 and 0.2: 0.5 + 1 + 1 + 1 of 4.
    expect(auc([0.5, 0.5, 0.2, 0.9], [true, false, false, true])).toBeCloseTo(0.875, 12);
    expect(auc([1, 1, 1, 1], [1, 0, 1, 0])).toBeCloseTo(0.5, 12);
  });

  it('is null with one class only, and refuses mismatched or NaN input', () => {
    expect(auc([0.2, 0.3], [1, 1])).toBeNull();
    expect(auc([], [])).toBeNull();
    expect(() => auc([0.2, 0.3], [1])).toThrow(/2 scores but 1 labels/);
    expect(() => auc([NaN, 0.3], [1, 0])).toThrow(/NaN/);
  });

  it('equals counting all pairs, for any scores with ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 1, maxLength: 40 }),
        (rows) => {
          const scores = rows.map(([s]) => s);
          const labels = rows.map(([, l]) => l);
          let right = 0;
          let pairs = 0;
          for (const [p, lp] of rows)
            for (const [q, lq] of rows)
              if (lp && !lq) {
                pairs++;
                right += p > q ? 1 : p === q ? 0.5 : 0;
              }
          const a = auc(scores, labels);
          if (pairs === 0) expect(a).toBeNull();
          else expect(a).toBeCloseTo(right / pairs, 12);
        },
      ),
    );
  });
});

describe('calibrationBins', () => {
  it('gives mean predicted and observed share per non-empty bin', () => {
    const bins = calibrationBins([0.05, 0.15, 0.12, 0.95, 1], [0, 1, 0, 1, 1]);
    expect(bins).toHaveLength(3);
    expect(bins[0]).toMatchObject({ from: 0, tickets: 1, observed: 0 });
    expect(bins[0]!.predicted).toBeCloseTo(0.05, 12);
    expect(bins[1]).toMatchObject({ from: 0.1, tickets: 2, observed: 0.5 });
    expect(bins[1]!.predicted).toBeCloseTo(0.135, 12);
    // 1.0 falls in the last bin, not past it.
    expect(bins[2]).toMatchObject({ from: 0.9, to: 1, tickets: 2, observed: 1 });
  });

  it('refuses values that are not probabilities', () => {
    expect(() => calibrationBins([1.2], [1])).toThrow(/not a probability/);
    expect(() => calibrationBins([0.5], [1], 0)).toThrow(/positive integer/);
  });
});

describe('fitLogistic', () => {
  it('recovers the coefficients the data was drawn with', () => {
    const random = rng(1);
    const n = 20_000;
    const x = new Float64Array(n * 2);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const a = random() * 4 - 2;
      const b = random() < 0.3 ? 1 : 0;
      x[2 * i] = a;
      x[2 * i + 1] = b;
      y[i] = random() < sigmoid(-0.5 + 1.5 * a - 2 * b) ? 1 : 0;
    }
    const m = fitLogistic(x, y, 2, { l2: 0 });
    expect(m.intercept).toBeCloseTo(-0.5, 1);
    expect(m.coef[0]).toBeCloseTo(1.5, 1);
    expect(m.coef[1]).toBeCloseTo(-2, 1);
  });

  it('stays finite on perfectly separable data', () => {
    const m = fitLogistic(Float64Array.from([-2, -1, 1, 2]), Uint8Array.from([0, 0, 1, 1]), 1);
    expect(Number.isFinite(m.coef[0])).toBe(true);
    expect(m.coef[0]).toBeGreaterThan(0);
  });

  it('refuses a matrix that does not match the labels', () => {
    expect(() => fitLogistic(new Float64Array(5), new Uint8Array(2), 2)).toThrow(
      /5 values are not 2 rows of 2/,
    );
  });
});

/** Rated solved tickets where reopens, waits and angry text make a bad rating likely. */
function syntheticTickets(n: number, seed: number): Ticket[] {
  const random = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const reopens = random() < 0.2 ? 1 : 0;
    const angry = random() < 0.25;
    const minutes = Math.round(30 + random() * 5000);
    const p = sigmoid(2 - 2 * reopens - (angry ? 2 : 0) - minutes / 2500);
    const rated = random() < 0.5;
    return solvedTicket(`t${i}`, `r${i % 50}`, T0 + (i % 300) * DAY, {
      reopens,
      full_resolution_minutes: minutes,
      first_reply_minutes: 30,
      satisfaction: rated ? (random() < p ? 'good' : 'bad') : 'offered',
      subject: angry ? 'Terrible, still broken' : 'Question',
      description: angry ? 'This is awful and useless.' : 'Hello, how do I add a user?',
    });
  });
}

const sentimentOf = (tickets: Ticket[]): Float32Array =>
  Float32Array.from(tickets, (t) => ticketSentiment(t.subject, t.description));

describe('trainCsatModel', () => {
  it(`says it has too little data below ${MIN_RATED} rated tickets, with the count`, () => {
    const rated = syntheticTickets(400, 2).filter((t) => t.satisfaction !== 'offered');
    const few = [
      ...rated.slice(0, MIN_RATED - 1),
      ...syntheticTickets(30, 3).map((t) => ({ ...t, id: `u${t.id}`, satisfaction: 'offered' as const })),
    ];
    const r = trainCsatModel(few, sentimentOf(few));
    expect(r.info).toEqual({ status: 'insufficient_data', rated_tickets: MIN_RATED - 1, needed: MIN_RATED });
    expect(r.predict).toBeNull();
    expect(scoreSolvedTickets(few, sentimentOf(few))).toMatchObject({ predictions: null, predictor: null });
  });

  it('says so too when every rating is the same', () => {
    const allGood = syntheticTickets(300, 4).map((t) => ({ ...t, satisfaction: 'good' as const }));
    expect(trainCsatModel(allGood, sentimentOf(allGood)).info).toMatchObject({
      status: 'insufficient_data',
      rated_tickets: 300,
    });
  });

  it('learns the relationship and measures itself on tickets it did not train on', () => {
    const tickets = syntheticTickets(4000, 5);
    const { info, predict } = trainCsatModel(tickets, sentimentOf(tickets));
    if (info.status !== 'ok' || predict === null) throw new Error(`expected a model, got ${info.status}`);
    const rated = tickets.filter((t) => t.satisfaction === 'good' || t.satisfaction === 'bad');
    expect(info.held_out).toBe(rated.filter((t) => isHeldOut(t.id)).length);
    expect(info.trained_on + info.held_out).toBe(rated.length);
    expect(info.held_out / rated.length).toBeGreaterThan(0.15);
    expect(info.held_out / rated.length).toBeLessThan(0.25);
    expect(info.auc).toBeGreaterThan(0.75);
    expect(info.calibration.reduce((s, b) => s + b.tickets, 0)).toBe(info.held_out);
    // The text enters through the predictor's own sentiment scoring.
    const base = solvedTicket('x', 'r', T0, { full_resolution_minutes: 60, first_reply_minutes: 30 });
    const calm = predict({ ...base, subject: 'Question', description: 'Hello' });
    const reopened = predict({ ...base, reopens: 1, subject: 'Question', description: 'Hello' });
    const angry = predict({
      ...base,
      subject: 'Terrible, still broken',
      description: 'This is awful and useless.',
    });
    expect(reopened).toBeLessThan(calm);
    expect(angry).toBeLessThan(calm);
    // An open ticket has no resolution yet and is still scored.
    const open = predict(ticket('o', 'r', T0, { first_reply_minutes: 30, subject: 'Question' }));
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThan(1);
  });

  it('is deterministic, and the held-out tickets depend on ids, not on order', () => {
    const tickets = syntheticTickets(2000, 6);
    const a = scoreSolvedTickets(tickets, sentimentOf(tickets));
    const b = scoreSolvedTickets(tickets, sentimentOf(tickets));
    expect(b.model).toEqual(a.model);
    expect(b.predictions).toEqual(a.predictions);
    const backwards = [...tickets].reverse();
    const reversed = scoreSolvedTickets(backwards, sentimentOf(backwards));
    if (a.model.status !== 'ok' || reversed.model.status !== 'ok') throw new Error('expected models');
    expect(reversed.model.held_out).toBe(a.model.held_out);
    expect(reversed.model.auc).toBeCloseTo(a.model.auc, 9);
    expect(reversed.predictions![0]).toBeCloseTo(a.predictions![tickets.length - 1]!, 9);
  });

  it('refuses sentiment scores that do not match the tickets', () => {
    expect(() => trainCsatModel(syntheticTickets(3, 7), new Float32Array(2))).toThrow(/3 tickets but 2/);
  });
});
