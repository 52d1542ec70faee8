import type { AppFiles } from './app-files';

/** One finding of the validator; errors fail validation, warnings are printed. */
export interface Problem {
  /** Which rule found it, e.g. "manifest.required" – stable, for tests and docs. */
  rule: string;
  severity: 'error' | 'warning';
  message: string;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** An app whose manifest.json parsed as a JSON object. */
export interface ParsedApp extends AppFiles {
  manifest: JsonObject;
}

export const error = (rule: string, message: string): Problem => ({ rule, severity: 'error', message });
export const warning = (rule: string, message: string): Problem => ({ rule, severity: 'warning', message });

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "a, b and c" for messages. */
export function listing(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
