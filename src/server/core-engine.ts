import { prepareDataset, type PreparedDataset } from '../core/prepare';
import { computeReport, METRIC_KEYS } from '../core/report';
import type { Engine } from './engine';

/** The engine of src/core behind the API: the server computes no metric of its own. */
export const coreEngine: Engine<PreparedDataset> = {
  prepare: (records, settings) => prepareDataset(records, settings),
  report: (prepared, window, settings, segment) => computeReport(prepared, window, settings, segment),
  metricKeys: METRIC_KEYS,
};
