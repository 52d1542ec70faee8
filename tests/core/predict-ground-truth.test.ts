import { toDataset } from '../../src/core/dataset';
import { auc } from '../../src/core/predict/auc';
import { isHeldOut } from '../../src/core/predict/csat-model';
import { prepareDataset } from '../../src/core/prepare';
import { computeReport } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { createGenerator } from '../../src/generator';

describe("predicted CSAT against the generator's true P(good)", () => {
  const gen = createGenerator({ seed: 11, tickets: 20_000 });
  const data = toDataset(gen.records());
  const truth = gen.truth();
  const prepared = prepareDataset(data, DEFAULT_SETTINGS);
  const heldOut = data.tickets.filter(
    (t) => (t.satisfaction === 'good' || t.satisfaction === 'bad') && t.solved_at !== null && isHeldOut(t.id),
  );

  it('reaches a held-out AUC of at least 0.75, close to what the true P(good) reaches', () => {
    const model = prepared.csatModel;
    if (model.status !== 'ok') throw new Error(`expected a trained model, got ${JSON.stringify(model)}`);
    expect(model.held_out).toBe(heldOut.length);
    expect(model.held_out).toBeGreaterThan(500);
    const trueAuc = auc(
      heldOut.map((t) => truth.p_good[t.id] as number),
      heldOut.map((t) => t.satisfaction === 'good'),
    ) as number;
    expect(model.auc).toBeGreaterThanOrEqual(0.75);
    // The truth is the ceiling; the model sees the tone only through noisy text sentiment.
    expect(model.auc).toBeLessThan(trueAuc + 0.02);
    expect(model.auc).toBeGreaterThan(trueAuc - 0.06);
  });

  it('is calibrated: predicted and observed shares agree on held-out tickets', () => {
    const predict = prepared.csatPredictor;
    if (predict === null) throw new Error('expected a predictor');
    const predicted = heldOut.reduce((s, t) => s + predict(t), 0) / heldOut.length;
    const observed = heldOut.filter((t) => t.satisfaction === 'good').length / heldOut.length;
    expect(Math.abs(predicted - observed)).toBeLessThan(0.03);
  });

  it('reports predicted CSAT over every solved ticket of the window', () => {
    const window = { from: Date.parse(truth.window.from), to: Date.parse(truth.window.to) };
    const p = computeReport(prepared, window, DEFAULT_SETTINGS).metrics.predicted_csat;
    if (p.status !== 'ok') throw new Error(`expected ok, got ${p.status}`);
    expect(p.tickets).toBe(
      data.tickets.filter((t) => t.solved_at !== null && t.solved_at < window.to).length,
    );
    expect(p.value).toBeGreaterThan(0.5);
    expect(p.value).toBeLessThan(1);
    expect(p.calibration.length).toBeGreaterThan(3);
  });
});
