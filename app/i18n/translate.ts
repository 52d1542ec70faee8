/** A translation file: nested objects of strings (Zendesk's app translation format). */
export interface Dictionary {
  [key: string]: string | Dictionary;
}

/** Locales shipped in translations/; the first is the fallback. */
export const LOCALES = ['en', 'de', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/** Maps a Zendesk locale ('de', 'fr-CA', 'es-419', 'en-US') to one we ship, else English. */
export function pickLocale(zendeskLocale: string | undefined): Locale {
  const lang = (zendeskLocale ?? '').toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(lang ?? '') ? (lang as Locale) : 'en';
}

function lookup(dict: Dictionary, key: string): string | undefined {
  let node: string | Dictionary | undefined = dict;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * The string at a dotted key, with `{{name}}` placeholders filled from `vars`. A missing key
 * shows as itself, so it is visible, not blank.
 */
export function translate(dict: Dictionary, key: string, vars: Record<string, string | number> = {}): string {
  const template = lookup(dict, key) ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** Every dotted key of a dictionary whose value is a string. */
export function flattenKeys(dict: Dictionary, prefix = ''): string[] {
  return Object.entries(dict).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : flattenKeys(v, `${prefix}${k}.`),
  );
}
