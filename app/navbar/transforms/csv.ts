/** A CSV of what is on screen, built in the browser so it matches the page exactly. */
export type CsvCell = string | number | null;

function cell(v: CsvCell): string {
  if (v === null) return '';
  let s = String(v);
  // Spreadsheets run cells starting with these as formulas (same rule as the backend's export).
  if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export const SCREEN_CSV_HEADER = [
  'section',
  'metric',
  'value',
  'numerator',
  'denominator',
  'previous',
  'baseline',
  'target',
  'from',
  'to',
  'data_as_of',
];

/** One figure as shown: raw numbers (not the formatted text), so a spreadsheet can compute with them. */
export interface ScreenFigure {
  section: string;
  metric: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  previous?: number | null;
  baseline?: number | null;
  target?: number | null;
}

export function screenCsv(
  figures: ScreenFigure[],
  meta: { from: string; to: string; dataAsOf: string | null },
): string {
  return toCsv(
    SCREEN_CSV_HEADER,
    figures.map((f) => [
      f.section,
      f.metric,
      f.value,
      f.numerator ?? null,
      f.denominator ?? null,
      f.previous ?? null,
      f.baseline ?? null,
      f.target ?? null,
      meta.from,
      meta.to,
      meta.dataAsOf,
    ]),
  );
}
