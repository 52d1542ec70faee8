/**
 * Manifest rules, after Zendesk's validator (zendesk_apps_support, validations/manifest.rb):
 * required fields, field types, URLs, default locale, framework version, deprecated keys.
 */
import { error, isObject, type ParsedApp, type Problem } from '../problem';

/** Framework versions Zendesk serves (AppVersion::TO_BE_SERVED). */
export const FRAMEWORK_VERSIONS = ['2.0'];
export const VALID_LOCALE = /^[a-z]{2}(-\w{2,3})?$/;
const BOOLEAN_FIELDS = ['requirementsOnly', 'marketingOnly', 'singleInstall', 'signedUrls', 'private'];
const STRING_FIELDS = [
  'defaultLocale',
  'version',
  'frameworkVersion',
  'remoteInstallationURL',
  'termsConditionsURL',
  'gaCode',
];
const ALLOWED_EXPERIMENTS = ['hashParams', 'newCssCompiler'];

export const isRequirementsOnly = (app: ParsedApp) =>
  app.manifest.requirementsOnly === true || app.manifest.marketingOnly === true;

export function requiredFields(app: ParsedApp): Problem[] {
  const { manifest } = app;
  const required = [
    'author',
    'defaultLocale',
    ...(isRequirementsOnly(app) ? [] : ['location', 'frameworkVersion']),
  ];
  const missing = required.filter((k) => manifest[k] === undefined || manifest[k] === null);
  if (missing.length === 0) return [];
  return [
    error(
      'manifest.required',
      `Missing required field${missing.length > 1 ? 's' : ''} in manifest: ${missing.join(', ')}`,
    ),
  ];
}

export function fieldTypes(app: ParsedApp): Problem[] {
  const { manifest } = app;
  const problems: Problem[] = [];
  for (const field of BOOLEAN_FIELDS) {
    const v = manifest[field];
    if (v !== undefined && typeof v !== 'boolean')
      problems.push(error('manifest.types', `${field} must be a boolean value, got "${JSON.stringify(v)}".`));
  }
  for (const field of STRING_FIELDS) {
    const v = manifest[field];
    if (v !== undefined && v !== null && typeof v !== 'string')
      problems.push(error('manifest.types', `${field} must be a string, got "${JSON.stringify(v)}".`));
  }
  if (manifest.name !== undefined && typeof manifest.name !== 'string')
    problems.push(error('manifest.types', `name must be a string, got "${JSON.stringify(manifest.name)}".`));
  const author = manifest.author;
  if (author !== undefined && !isObject(author)) {
    problems.push(error('manifest.types', 'author must be an object with name, email and url.'));
  } else if (author) {
    for (const f of ['name', 'email', 'url'])
      if (author[f] !== undefined && typeof author[f] !== 'string')
        problems.push(
          error('manifest.types', `author ${f} must be a string, got "${JSON.stringify(author[f])}".`),
        );
    if (typeof author.name !== 'string' || author.name.trim() === '')
      problems.push(
        error('manifest.types', 'author name must be given: the person or company behind the app.'),
      );
    if (typeof author.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(author.email))
      problems.push(
        error('manifest.types', 'author email must be an address users can write to for support.'),
      );
  }
  const whitelist = manifest.domainWhitelist;
  if (whitelist !== undefined && !(Array.isArray(whitelist) && whitelist.every((d) => typeof d === 'string')))
    problems.push(
      error('manifest.types', 'The manifest field domainWhitelist need to be an array containing strings'),
    );
  const experiments = manifest.experiments;
  if (experiments !== undefined && !isObject(experiments))
    problems.push(
      error('manifest.types', `The manifest field experiments needs to be key-value pairs with string keys`),
    );
  return problems;
}

function isValidUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function urls(app: ParsedApp): Problem[] {
  const problems: Problem[] = [];
  const check = (value: unknown, label: string) => {
    if (typeof value === 'string' && !isValidUrl(value))
      problems.push(error('manifest.urls', `${label} must be a valid URL, got "${value}".`));
  };
  check(app.manifest.termsConditionsURL, 'terms_conditions_url');
  if (isObject(app.manifest.author)) check(app.manifest.author.url, 'author url');
  return problems;
}

export function defaultLocale(app: ParsedApp): Problem[] {
  const locale = app.manifest.defaultLocale;
  if (typeof locale !== 'string') return [];
  if (!VALID_LOCALE.test(locale))
    return [error('manifest.default_locale', `${locale} is not a valid default locale.`)];
  if (!app.files.has(`translations/${locale}.json`))
    return [error('manifest.default_locale', `Missing translation file for locale '${locale}'.`)];
  return [];
}

export function frameworkVersion(app: ParsedApp): Problem[] {
  const v = app.manifest.frameworkVersion;
  if (isRequirementsOnly(app)) {
    return v === undefined
      ? []
      : [
          error(
            'manifest.framework_version',
            "Framework versions can't be set when you specify requirements only",
          ),
        ];
  }
  if (typeof v !== 'string' || FRAMEWORK_VERSIONS.includes(v)) return [];
  return [
    error(
      'manifest.framework_version',
      `${v} is not a valid framework version. Available versions are: ${FRAMEWORK_VERSIONS.join(', ')}.`,
    ),
  ];
}

export function deprecatedKeys(app: ParsedApp): Problem[] {
  const problems: Problem[] = [];
  if (app.manifest.noTemplate !== undefined)
    problems.push(
      error(
        'manifest.no_template',
        'noTemplate is deprecated and cannot be used with framework version 2 or above. Set the autoLoad or autoHide property for each specific location instead.',
      ),
    );
  const experiments = app.manifest.experiments;
  if (isObject(experiments)) {
    const unknown = Object.keys(experiments).filter(
      (k) => experiments[k] && !ALLOWED_EXPERIMENTS.includes(k),
    );
    for (const k of unknown)
      problems.push(
        error('manifest.experiments', `Manifest specifies unknown or unavailable experiment: ${k}`),
      );
  }
  return problems;
}

export function marketingOnly(app: ParsedApp): Problem[] {
  if (app.manifest.marketingOnly !== true) return [];
  const problems: Problem[] = [];
  if (Array.isArray(app.manifest.parameters) && app.manifest.parameters.length > 0)
    problems.push(error('manifest.marketing_only', "Parameters can't be defined for marketing-only apps"));
  if (app.manifest.private === true)
    problems.push(error('manifest.marketing_only', 'Marketing-only apps must not be private'));
  if (app.manifest.location !== undefined)
    problems.push(
      error('manifest.marketing_only', "Locations can't be defined when you specify requirements only"),
    );
  return problems;
}

export const manifestRules = [
  requiredFields,
  fieldTypes,
  urls,
  defaultLocale,
  frameworkVersion,
  deprecatedKeys,
  marketingOnly,
];
