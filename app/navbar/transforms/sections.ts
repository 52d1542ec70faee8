import type { Rate } from '../../../src/core/dataset';
import type { Metrics } from '../../../src/core/report';
import type { ScreenFigure } from './csv';
import type { FigureKind } from './format';
import type { Kpi } from './kpis';

export interface SectionFigure {
  key: string;
  value: number | null;
  kind: FigureKind;
  rate: Rate | null;
}

const rateFigure = (key: string, r: Rate): SectionFigure => ({
  key,
  value: r.value,
  kind: 'percent',
  rate: r,
});
const countFigure = (key: string, n: number | null): SectionFigure => ({
  key,
  value: n,
  kind: 'count',
  rate: null,
});

/** Adoption: active visitors, account reach, returns, mobile share. */
export function adoptionFigures(m: Metrics): SectionFigure[] {
  return [
    countFigure('dau', m.dau),
    countFigure('wau', m.wau),
    countFigure('mau', m.mau),
    rateFigure('active_account_share', m.active_account_share),
    rateFigure('return_visit_rate', m.return_visit_rate),
    rateFigure('mobile_share', m.mobile_share),
  ];
}

/** Feature utilization, most used first (the report keeps the event-type order). */
export function featureFigures(m: Metrics): SectionFigure[] {
  return Object.entries(m.feature_utilization)
    .map(([type, r]) => rateFigure(type, r))
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.key.localeCompare(b.key));
}

export function searchFigures(m: Metrics): SectionFigure[] {
  return [
    rateFigure('search_success_rate', m.search_success_rate),
    rateFigure('zero_result_rate', m.zero_result_rate),
  ];
}

export function sectionCsvRows(section: string, figures: SectionFigure[]): ScreenFigure[] {
  return figures.map((f) => ({
    section,
    metric: f.key,
    value: f.value,
    numerator: f.rate?.numerator ?? null,
    denominator: f.rate?.denominator ?? null,
  }));
}

export function kpiCsvRows(kpis: Kpi[]): ScreenFigure[] {
  return kpis.map((k) => ({
    section: 'kpi',
    metric: k.key,
    value: k.value,
    numerator: k.rate?.numerator ?? null,
    denominator: k.rate?.denominator ?? null,
    previous: k.previous,
    baseline: k.baseline,
    target: k.target,
  }));
}
