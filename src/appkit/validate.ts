import { readAppDir, type AppFiles } from './app-files';
import { error, isObject, type Json, type ParsedApp, type Problem } from './problem';
import { assetRules } from './rules/assets';
import { fileRules, packageSize } from './rules/files';
import { locationRules } from './rules/locations';
import { manifestRules } from './rules/manifest';
import { parameterRuleSet } from './rules/parameters';
import { translationRules } from './rules/translations';
import { zipApp } from './zip';

type Rule = (app: ParsedApp) => Problem[];

const RULES: Rule[] = [
  ...manifestRules,
  ...locationRules,
  ...parameterRuleSet,
  ...translationRules,
  ...assetRules,
  ...fileRules,
];

function parseManifest(app: AppFiles): { manifest: ParsedApp['manifest'] } | { problem: Problem } {
  const bytes = app.files.get('manifest.json');
  if (!bytes) {
    const nested = [...app.files.keys()].find((p) => /^[^/]+\/manifest\.json$/.test(p));
    return {
      problem: nested
        ? error(
            'manifest.missing',
            `Could not find manifest.json in the root of the zip file, but ${nested} was found. Package the folder that holds manifest.json.`,
          )
        : error('manifest.missing', 'Could not find manifest.json'),
    };
  }
  let parsed: Json;
  try {
    parsed = JSON.parse(bytes.toString('utf8')) as Json;
  } catch (err) {
    return { problem: error('manifest.json', `manifest is not proper JSON. ${(err as Error).message}`) };
  }
  if (!isObject(parsed)) return { problem: error('manifest.json', 'manifest.json must hold a JSON object.') };
  return { manifest: parsed };
}

/**
 * Every check Zendesk's validator makes on an uploaded app, offline. `zipBytes` is the size of
 * the package; without it the size rule is skipped.
 */
export function validateApp(app: AppFiles, zipBytes?: number): Problem[] {
  const parsed = parseManifest(app);
  const size = zipBytes === undefined ? [] : packageSize(zipBytes);
  if ('problem' in parsed) return [parsed.problem, ...size];
  const full: ParsedApp = { ...app, manifest: parsed.manifest };
  return [...RULES.flatMap((rule) => rule(full)), ...size];
}

export interface DirValidation {
  app: AppFiles;
  zip: Buffer;
  problems: Problem[];
}

/** Reads, zips and validates an app folder. */
export async function validateAppDir(dir: string): Promise<DirValidation> {
  const app = await readAppDir(dir);
  const zip = await zipApp(app);
  return { app, zip, problems: validateApp(app, zip.length) };
}

export const errorsOf = (problems: Problem[]) => problems.filter((p) => p.severity === 'error');

/** One line per problem, errors first, for the terminal. */
export function formatProblems(problems: Problem[]): string {
  return [...errorsOf(problems), ...problems.filter((p) => p.severity === 'warning')]
    .map((p) => `${p.severity === 'error' ? 'error  ' : 'warning'} ${p.message} [${p.rule}]`)
    .join('\n');
}
