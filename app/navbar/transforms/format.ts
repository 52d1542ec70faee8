/** How a figure reads: a share in [0, 1] as %, a ratio like 1.8×, or a count. */
export type FigureKind = 'percent' | 'ratio' | 'count';

export function formatFigure(value: number | null, kind: FigureKind, locale: string, none = '–'): string {
  if (value === null || !Number.isFinite(value)) return none;
  switch (kind) {
    case 'percent':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'ratio':
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)}×`;
    case 'count':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
  }
}

/** Money in the app's configured currency, whole units: ROI is an estimate, cents would be noise. */
export function formatMoney(value: number | null, locale: string, currency: string): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    value,
  );
}

/** A change: percentage points for shares, plain differences otherwise, always signed. */
export function formatChange(delta: number | null, kind: FigureKind, locale: string): string {
  if (delta === null || !Number.isFinite(delta)) return '–';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const abs = Math.abs(delta);
  if (kind === 'percent')
    return `${sign}${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(abs * 100)} pp`;
  return `${sign}${formatFigure(abs, kind, locale)}`;
}
