/**
 * Parameter rules (validations/manifest.rb `validate_parameters`, secure_settings.rb):
 * an array of named, typed parameters; booleans where booleans belong; no duplicates; hidden
 * never required; at most one oauth, never secure; secrets marked secure.
 */
import { error, isObject, warning, type JsonObject, type ParsedApp, type Problem } from '../problem';

/** Manifest::Parameter::TYPES, plus oauth (validated separately by Zendesk). */
export const PARAMETER_TYPES = [
  'text',
  'password',
  'checkbox',
  'url',
  'number',
  'multiline',
  'hidden',
  'oauth',
];
/** Names Zendesk substitutes as {{setting.name}}: letters, digits and underscores. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_NAME = /token|key|pwd|password|secret/i;

function parameters(app: ParsedApp): JsonObject[] | null {
  const p = app.manifest.parameters;
  return Array.isArray(p) ? p.filter(isObject) : null;
}

export function parameterShape(app: ParsedApp): Problem[] {
  const p = app.manifest.parameters;
  if (p === undefined) return [];
  if (!Array.isArray(p)) return [error('parameters.shape', 'App parameters must be an array.')];
  const problems: Problem[] = [];
  p.forEach((param, i) => {
    if (!isObject(param)) problems.push(error('parameters.shape', `parameters[${i}] must be an object.`));
    else if (typeof param.name !== 'string' || !NAME.test(param.name))
      problems.push(
        error(
          'parameters.name',
          `parameters[${i}] needs a name of letters, digits and underscores (used as {{setting.name}}), got ${JSON.stringify(param.name ?? null)}.`,
        ),
      );
  });
  return problems;
}

export function parameterRules(app: ParsedApp): Problem[] {
  const params = parameters(app);
  if (!params) return [];
  const problems: Problem[] = [];
  const names = params.map((p) => p.name).filter((n): n is string => typeof n === 'string');
  const duplicates = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (duplicates.length > 0)
    problems.push(
      error('parameters.duplicate', `Duplicate app parameters defined: ${duplicates.join(', ')}`),
    );
  if (names.includes('name')) problems.push(error('parameters.name', "Can't call a parameter 'name'"));
  for (const p of params) {
    const name = typeof p.name === 'string' ? p.name : '?';
    for (const flag of ['required', 'secure'])
      if (p[flag] !== undefined && typeof p[flag] !== 'boolean')
        problems.push(
          error(
            'parameters.boolean',
            `parameters.${name}.${flag} must be a boolean value, got "${JSON.stringify(p[flag])}".`,
          ),
        );
  }
  const invalidTypes = params
    .map((p) => p.type ?? 'text')
    .filter((t) => !PARAMETER_TYPES.includes(String(t)));
  if (invalidTypes.length > 0)
    problems.push(
      error(
        'parameters.type',
        `${invalidTypes.join(', ')} ${invalidTypes.length > 1 ? 'are invalid parameter types' : 'is an invalid parameter type'}. Use one of: ${PARAMETER_TYPES.join(', ')}.`,
      ),
    );
  const hiddenRequired = params
    .filter((p) => p.type === 'hidden' && p.required === true)
    .map((p) => String(p.name));
  if (hiddenRequired.length > 0)
    problems.push(
      error(
        'parameters.hidden',
        `${hiddenRequired.join(', ')} ${hiddenRequired.length > 1 ? 'are' : 'is'} set to hidden and cannot be required.`,
      ),
    );
  const oauth = params.filter((p) => p.type === 'oauth');
  if (oauth.length > 1)
    problems.push(error('parameters.oauth', "Too many parameters with type 'oauth': one permitted"));
  if (oauth.some((p) => p.secure === true))
    problems.push(error('parameters.oauth', 'oauth parameter cannot be set to be secure.'));
  return problems;
}

export function secureSettings(app: ParsedApp): Problem[] {
  const params = parameters(app);
  if (!params) return [];
  const problems: Problem[] = [];
  for (const p of params) {
    const name = String(p.name);
    const type = p.type ?? 'text';
    if (SECRET_NAME.test(name) && (type === 'text' || type === 'password') && p.secure !== true)
      problems.push(
        warning(
          'parameters.secure',
          `Make sure to set secure to true when using keys in Settings: ${name} looks like a secret.`,
        ),
      );
    if ('default' in p && (p.secure === true || type === 'hidden'))
      problems.push(
        warning(
          'parameters.default',
          `Default values for secure or hidden parameters are not stored securely (${name}); be sure they hold nothing sensitive.`,
        ),
      );
  }
  return problems;
}

export const parameterRuleSet = [parameterShape, parameterRules, secureSettings];
