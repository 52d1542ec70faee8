/**
 * Translation rules (validations/translations.rb): files named for valid locales, JSON objects
 * of strings, the marketplace texts in English, a label for every parameter, and – as a
 * warning, since Zendesk falls back to the default locale – every locale complete.
 */
import {
  error,
  isObject,
  warning,
  type Json,
  type JsonObject,
  type ParsedApp,
  type Problem,
} from '../problem';
import { VALID_LOCALE } from './manifest';

const TRANSLATION_PATH = /^translations\/(.*)\.json$/;
const PUBLIC_KEYS = ['name', 'short_description', 'long_description', 'installation_instructions'];

function translationFiles(app: ParsedApp): Array<{ path: string; locale: string; bytes: Buffer }> {
  return [...app.files]
    .map(([path, bytes]) => ({ path, bytes, m: TRANSLATION_PATH.exec(path) }))
    .filter((f) => f.m)
    .map(({ path, bytes, m }) => ({ path, bytes, locale: m![1]! }));
}

function parse(bytes: Buffer): { ok: true; value: Json } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) as Json };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

function leafProblems(node: JsonObject, path: string[]): string[] {
  return Object.entries(node).flatMap(([k, v]) => {
    if (typeof v === 'string') return [];
    if (isObject(v)) return leafProblems(v, [...path, k]);
    return [[...path, k].join('.')];
  });
}

function keysOf(node: JsonObject, prefix = ''): string[] {
  return Object.entries(node).flatMap(([k, v]) =>
    isObject(v) ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

/** Parsed translation objects by locale; files that fail to parse are left out. */
function parsedTranslations(app: ParsedApp): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  for (const f of translationFiles(app)) {
    const parsed = parse(f.bytes);
    if (parsed.ok && isObject(parsed.value)) out.set(f.locale, parsed.value);
  }
  return out;
}

export function translationFormat(app: ParsedApp): Problem[] {
  const problems: Problem[] = [];
  for (const f of translationFiles(app)) {
    if (!VALID_LOCALE.test(f.locale)) {
      problems.push(error('translations.locale', `${f.path} is not a valid locale.`));
      continue;
    }
    const parsed = parse(f.bytes);
    if (!parsed.ok) {
      problems.push(error('translations.json', `${f.path} is not valid JSON. ${parsed.message}`));
    } else if (!isObject(parsed.value)) {
      problems.push(error('translations.json', `${f.path} is not a JSON object.`));
    } else {
      for (const key of leafProblems(parsed.value, []))
        problems.push(
          error('translations.format', `${f.path}: '${key}' is invalid for translation (use a string).`),
        );
    }
  }
  return problems;
}

export function marketplaceTexts(app: ParsedApp): Problem[] {
  const en = parsedTranslations(app).get('en');
  if (!en) return [];
  const appNode = isObject(en.app) ? en.app : {};
  const keys = Object.keys(appNode).map((k) => (k === 'description' ? 'short_description' : k));
  const mandatory = app.manifest.private === true ? ['name'] : PUBLIC_KEYS;
  const missing = mandatory.filter((k) => !keys.includes(k));
  return missing.length === 0
    ? []
    : [
        error(
          'translations.required',
          `Missing required key from translations/en.json: ${missing.join(', ')}`,
        ),
      ];
}

export function parameterLabels(app: ParsedApp): Problem[] {
  const locale = typeof app.manifest.defaultLocale === 'string' ? app.manifest.defaultLocale : 'en';
  const dict = parsedTranslations(app).get(locale);
  const params = Array.isArray(app.manifest.parameters) ? app.manifest.parameters.filter(isObject) : [];
  if (!dict) return [];
  const appNode = isObject(dict.app) ? dict.app : {};
  const labels = isObject(appNode.parameters) ? appNode.parameters : {};
  return params
    .filter((p) => p.type !== 'hidden' && typeof p.name === 'string')
    .filter((p) => {
      const entry = labels[p.name as string];
      return !(isObject(entry) && typeof entry.label === 'string' && entry.label.trim() !== '');
    })
    .map((p) =>
      error(
        'translations.parameter_label',
        `translations/${locale}.json has no app.parameters.${String(p.name)}.label: admins would see the raw name at install.`,
      ),
    );
}

export function completeLocales(app: ParsedApp): Problem[] {
  const locale = typeof app.manifest.defaultLocale === 'string' ? app.manifest.defaultLocale : 'en';
  const all = parsedTranslations(app);
  const base = all.get(locale);
  if (!base) return [];
  const baseKeys = keysOf(base);
  const problems: Problem[] = [];
  for (const [other, dict] of all) {
    if (other === locale) continue;
    const have = new Set(keysOf(dict));
    const missing = baseKeys.filter((k) => !have.has(k));
    if (missing.length > 0)
      problems.push(
        warning(
          'translations.complete',
          `translations/${other}.json lacks ${missing.length} key${missing.length > 1 ? 's' : ''} of ${locale}.json (shown in ${locale}): ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
        ),
      );
  }
  return problems;
}

export const translationRules = [translationFormat, marketplaceTexts, parameterLabels, completeLocales];
