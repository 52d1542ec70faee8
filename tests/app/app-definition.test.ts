/** The app definition in this repository passes the validator, and its translations are complete. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { flattenKeys, LOCALES, type Dictionary } from '../../app/i18n/translate';
import type { AppFiles } from '../../src/appkit/app-files';
import { validateApp } from '../../src/appkit/validate';

const ROOT = path.resolve(__dirname, '../..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel));
const dictionary = (locale: string) =>
  JSON.parse(read(`translations/${locale}.json`).toString()) as Dictionary;

function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`],
  );
}

describe('the Portal Pulse app definition', () => {
  it('passes every validator rule (with the built index.html standing in)', () => {
    const files = new Map<string, Buffer>([['manifest.json', read('manifest.json')]]);
    for (const f of walk('translations')) files.set(f, read(f));
    for (const f of walk('assets').filter((f) => !f.startsWith('assets/help-center/'))) files.set(f, read(f));
    files.set('assets/index.html', Buffer.from('<!doctype html>'));
    const app: AppFiles = { files, symlinks: [] };
    expect(validateApp(app, 100_000)).toEqual([]);
  });

  it('ships English, German, French and Spanish, each with every key of English and nothing else', () => {
    const files = readdirSync(path.join(ROOT, 'translations')).sort();
    expect(files).toEqual([...LOCALES].map((l) => `${l}.json`).sort());
    const english = flattenKeys(dictionary('en')).sort();
    for (const locale of LOCALES) expect(flattenKeys(dictionary(locale)).sort()).toEqual(english);
  });

  it('translates every string the app asks for', () => {
    const english = new Set(flattenKeys(dictionary('en')));
    const used = walk('app')
      .filter((f) => /\.tsx?$/.test(f))
      .flatMap((f) =>
        [
          ...read(f)
            .toString()
            .matchAll(/\bt\(\s*'([a-z_]+(?:\.[a-z_]+)+)'/g),
        ].map((m) => m[1]!),
      );
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((k) => !english.has(k))).toEqual([]);
  });

  it('keeps the same {{placeholders}} in every translation of a string', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const lookup = (d: Dictionary, key: string) =>
      key.split('.').reduce<Dictionary | string>((n, k) => (n as Dictionary)[k]!, d) as string;
    const en = dictionary('en');
    for (const locale of LOCALES)
      for (const key of flattenKeys(en))
        expect([key, placeholders(lookup(dictionary(locale), key))]).toEqual([
          key,
          placeholders(lookup(en, key)),
        ]);
  });
});
