/**
 * Location rules (validations/manifest.rb `validate_location`, location.rb, package.rb icons):
 * known products and locations, URLs that are HTTPS or existing assets, and an icon for
 * locations Zendesk shows in its bars.
 */
import { error, isObject, listing, type ParsedApp, type Problem } from '../problem';
import { isRequirementsOnly } from './manifest';

/** Locations per product (Location::LOCATIONS_AVAILABLE). */
export const LOCATIONS: Record<string, string[]> = {
  support: [
    'top_bar',
    'nav_bar',
    'ticket_sidebar',
    'new_ticket_sidebar',
    'user_sidebar',
    'organization_sidebar',
    'background',
    'modal',
    'ticket_editor',
    'system_top_bar',
    'ticket_module',
  ],
  chat: ['chat_sidebar', 'background'],
  sell: [
    'top_bar',
    'background',
    'deal_card',
    'lead_card',
    'person_card',
    'company_card',
    'note_editor',
    'call_log_editor',
    'email_editor',
    'dashboard',
    'modal',
  ],
};
/** Locations drawn as an icon in a bar (Package::LOCATIONS_WITH_ICONS). */
export const ICON_LOCATIONS = ['top_bar', 'nav_bar', 'system_top_bar', 'ticket_editor'];

interface LocationEntry {
  product: string;
  name: string;
  url: string | undefined;
  options: Record<string, unknown>;
}

function entries(app: ParsedApp): LocationEntry[] {
  const location = app.manifest.location;
  if (!isObject(location)) return [];
  return Object.entries(location).flatMap(([product, locs]) =>
    isObject(locs)
      ? Object.entries(locs).map(([name, value]) => {
          const options = isObject(value) ? value : {};
          const url =
            typeof value === 'string' ? value : typeof options.url === 'string' ? options.url : undefined;
          return { product, name, url, options };
        })
      : [],
  );
}

export function locationShape(app: ParsedApp): Problem[] {
  if (isRequirementsOnly(app) || app.manifest.location === undefined) return [];
  const location = app.manifest.location;
  if (!isObject(location))
    return [
      error(
        'location.shape',
        'location must be an object of products, e.g. { "support": { "ticket_sidebar": … } }.',
      ),
    ];
  const problems: Problem[] = [];
  for (const [product, locs] of Object.entries(location)) {
    if (!(product in LOCATIONS)) {
      problems.push(error('location.host', `${product} is an invalid host for apps.`));
      continue;
    }
    if (!isObject(locs)) {
      problems.push(error('location.shape', `location.${product} must be an object of locations.`));
      continue;
    }
    const unknown = Object.keys(locs).filter((name) => !LOCATIONS[product]!.includes(name));
    if (unknown.length > 0) {
      const host = product[0]!.toUpperCase() + product.slice(1);
      problems.push(
        error(
          'location.name',
          `${listing(unknown)} ${unknown.length > 1 ? 'are invalid locations' : 'is an invalid location'} in ${host}.`,
        ),
      );
    }
  }
  if (problems.length === 0 && entries(app).length === 0)
    problems.push(error('manifest.required', 'Missing required field in manifest: location'));
  return problems;
}

export function locationUrls(app: ParsedApp): Problem[] {
  const problems: Problem[] = [];
  for (const { product, name, url, options } of entries(app)) {
    if (!(product in LOCATIONS)) continue;
    if (url === undefined || url === '') {
      if (options.autoLoad !== false)
        problems.push(error('location.url', `${name} location does not specify a URI.`));
    } else if (!url.includes('{{setting.') && !isServableUrl(app, url)) {
      problems.push(
        error(
          'location.url',
          `${url} is either an invalid location URI, refers to a missing asset, or does not use HTTPS.`,
        ),
      );
    }
    if (options.flexible !== undefined && typeof options.flexible !== 'boolean')
      problems.push(
        error(
          'location.flexible',
          `${JSON.stringify(options.flexible)} is an invalid type for the flexible location parameter.`,
        ),
      );
  }
  return problems;
}

function isServableUrl(app: ParsedApp, url: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    try {
      const u = new URL(url);
      return u.protocol === 'https:' || u.hostname === 'localhost';
    } catch {
      return false;
    }
  }
  const filePath = url.split(/[?#]/)[0]!;
  return filePath.startsWith('assets/') && app.files.has(filePath);
}

export function locationIcons(app: ParsedApp): Problem[] {
  const products = isObject(app.manifest.location) ? Object.keys(app.manifest.location) : [];
  const prefix = products.length > 1 ? (p: string) => `${p}/` : () => '';
  return entries(app)
    .filter(({ product, name }) => product === 'support' && ICON_LOCATIONS.includes(name))
    .filter(
      ({ product, name }) =>
        !app.files.has(`assets/${prefix(product)}icon_${name}.svg`) &&
        !app.files.has(`assets/${prefix(product)}icon_${name}_inactive.png`),
    )
    .map(({ product, name }) =>
      error(
        'location.icon',
        `${product}.${name} is shown as an icon: add assets/${prefix(product)}icon_${name}.svg (or icon_${name}_inactive.png).`,
      ),
    );
}

export const locationRules = [locationShape, locationUrls, locationIcons];
