/**
 * The tenant's predicted-CSAT model (METRICS.md "Predictive CSAT"): a logistic regression on
 * its own rated tickets, checked on a held-out fifth of them chosen by ticket id, then applied
 * to every solved ticket. Below MIN_RATED rated tickets it reports too little data instead.
 */
import type { Ticket } from '../records';
import { ticketSentiment } from '../sentiment';
import { auc } from './auc';
import { calibrationBins, type CalibrationBin } from './calibration';
import { FEATURE_COUNT, RESOLUTION, ticketFeatures } from './features';
import { fitLogistic, predictRow, type LogisticModel } from './logistic';

export const MIN_RATED = 50;
/** One ticket in HELD_OUT_EVERY is held out of training to measure the model. */
const HELD_OUT_EVERY = 5;

export type CsatModelInfo =
  | {
      status: 'ok';
      /** ROC AUC on the held-out rated tickets. */
      auc: number;
      /** Rated tickets the model was fitted on. */
      trained_on: number;
      /** Rated tickets kept out of training, on which `auc` and `calibration` are measured. */
      held_out: number;
      calibration: CalibrationBin[];
    }
  | { status: 'insufficient_data'; rated_tickets: number; needed: number }
  | { status: 'unavailable'; reason: string };

/** A fitted model, with the mean resolution feature that stands in for an unsolved ticket's. */
interface Fitted {
  weights: LogisticModel;
  meanResolution: number;
}

export interface CsatModel {
  info: CsatModelInfo;
  /**
   * P(good) of any ticket, solved or not, null when no model could be trained; `sentiment` is
   * the ticket's text sentiment when already known.
   */
  predict: ((t: Ticket, sentiment?: number) => number) | null;
}

/** Whether a ticket is held out of training: a fixed hash of its id, so reruns agree. */
export function isHeldOut(id: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % HELD_OUT_EVERY === 0;
}

const mixed = (good: number, all: number): boolean => good > 0 && good < all;

function probability(f: Fitted, row: Float64Array): number {
  const r = row[RESOLUTION] as number;
  if (r !== r) row[RESOLUTION] = f.meanResolution;
  return predictRow(f.weights, row);
}

function fit(x: Float64Array, y: Uint8Array): Fitted {
  const n = y.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i * FEATURE_COUNT + RESOLUTION] as number;
  return { weights: fitLogistic(x, y, FEATURE_COUNT), meanResolution: sum / n };
}

/**
 * Trains on the rated ones of `tickets` (solved tickets, with `sentiment[i]` the text sentiment
 * of `tickets[i]`).
 */
export function trainCsatModel(tickets: readonly Ticket[], sentiment: ArrayLike<number>): CsatModel {
  if (sentiment.length !== tickets.length)
    throw new Error(`trainCsatModel: ${tickets.length} tickets but ${sentiment.length} sentiment scores`);
  const train: number[] = [];
  const test: number[] = [];
  let trainGood = 0;
  let testGood = 0;
  for (let i = 0; i < tickets.length; i++) {
    const t = tickets[i] as Ticket;
    const s = t.satisfaction;
    // An unsolved ticket has no resolution time to learn from, whatever its rating.
    if ((s !== 'good' && s !== 'bad') || t.solved_at === null) continue;
    const held = isHeldOut(t.id);
    (held ? test : train).push(i);
    if (s === 'good' && held) testGood++;
    else if (s === 'good') trainGood++;
  }
  const rated = train.length + test.length;
  // Without both ratings on both sides there is nothing to learn or nothing to check it on.
  if (rated < MIN_RATED || !mixed(trainGood, train.length) || !mixed(testGood, test.length))
    return { info: { status: 'insufficient_data', rated_tickets: rated, needed: MIN_RATED }, predict: null };

  const d = FEATURE_COUNT;
  const x = new Float64Array(train.length * d);
  const y = new Uint8Array(train.length);
  train.forEach((t, r) => {
    const ticket = tickets[t] as Ticket;
    ticketFeatures(ticket, sentiment[t] as number, x, r * d);
    y[r] = ticket.satisfaction === 'good' ? 1 : 0;
  });
  const fitted = fit(x, y);

  const row = new Float64Array(d);
  const predicted = new Float64Array(test.length);
  const good = new Uint8Array(test.length);
  test.forEach((t, r) => {
    const ticket = tickets[t] as Ticket;
    ticketFeatures(ticket, sentiment[t] as number, row, 0);
    predicted[r] = probability(fitted, row);
    good[r] = ticket.satisfaction === 'good' ? 1 : 0;
  });
  return {
    info: {
      status: 'ok',
      auc: auc(predicted, good) as number,
      trained_on: train.length,
      held_out: test.length,
      calibration: calibrationBins(predicted, good),
    },
    predict: (t, s = ticketSentiment(t.subject, t.description)) => {
      ticketFeatures(t, s, row, 0);
      return probability(fitted, row);
    },
  };
}

/** The predicted-CSAT parts of a prepared dataset. */
export interface ScoredSolved {
  model: CsatModelInfo;
  /** P(good) of each solved ticket, in the given order; null without a model. */
  predictions: Float64Array | null;
  predictor: ((t: Ticket) => number) | null;
}

/** Trains on the solved tickets' ratings and scores every solved ticket, rated or not. */
export function scoreSolvedTickets(solved: readonly Ticket[], sentiment: ArrayLike<number>): ScoredSolved {
  const { info, predict } = trainCsatModel(solved, sentiment);
  if (predict === null) return { model: info, predictions: null, predictor: null };
  const predictions = new Float64Array(solved.length);
  for (let i = 0; i < solved.length; i++)
    predictions[i] = predict(solved[i] as Ticket, sentiment[i] as number);
  return { model: info, predictions, predictor: (t) => predict(t) };
}
