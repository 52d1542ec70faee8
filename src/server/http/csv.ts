export type Cell = string | number | boolean | null | undefined;

/**
 * One RFC 4180 field. Text starting with = + - @ is prefixed with ' so a spreadsheet shows it
 * instead of running it as a formula (account names come from customers).
 */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
