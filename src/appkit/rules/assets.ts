/**
 * Asset rules (marketplace asset requirements, validations/banner.rb, screenshots.rb, svg.rb):
 * logos at their exact sizes, at most three 1024×768 screenshots, a banner at its size, and
 * SVG icons free of scripts and embedded bitmaps.
 */
import { readPngInfo, pngHasAlpha } from '../png';
import { error, warning, type ParsedApp, type Problem } from '../problem';

export const LOGO = { path: 'assets/logo.png', width: 320, height: 320 };
export const LOGO_SMALL = { path: 'assets/logo-small.png', width: 128, height: 128 };
export const SCREENSHOT = { width: 1024, height: 768, max: 3 };
export const BANNER = { path: 'assets/banner.png', width: 830, height: 200 };

function pngSize(app: ParsedApp, path: string, width: number, height: number, rule: string): Problem[] {
  const bytes = app.files.get(path)!;
  const info = readPngInfo(bytes);
  if (!info) return [error(rule, `${path} must be a PNG file.`)];
  if (info.width !== width || info.height !== height)
    return [
      error(rule, `${path} is ${info.width}×${info.height} pixels; it must be exactly ${width}×${height}.`),
    ];
  return [];
}

export function logos(app: ParsedApp): Problem[] {
  // Zendesk draws a default logo for private apps; the marketplace requires both.
  const required = app.manifest.private !== true;
  const problems: Problem[] = [];
  for (const logo of [LOGO, LOGO_SMALL]) {
    if (!app.files.has(logo.path)) {
      if (required)
        problems.push(
          error(
            'assets.logo',
            `Missing ${logo.path}: a ${logo.width}×${logo.height} PNG is required to publish the app.`,
          ),
        );
      continue;
    }
    problems.push(...pngSize(app, logo.path, logo.width, logo.height, 'assets.logo'));
  }
  const small = app.files.get(LOGO_SMALL.path);
  const smallInfo = small && readPngInfo(small);
  if (small && smallInfo && !pngHasAlpha(small, smallInfo))
    problems.push(
      error('assets.logo', `${LOGO_SMALL.path} must be a PNG-24 with transparency (an alpha channel).`),
    );
  return problems;
}

export function screenshots(app: ParsedApp): Problem[] {
  const shots = [...app.files.keys()].filter((p) => /^assets\/screenshot-\d\.png$/.test(p));
  const problems: Problem[] = [];
  if (shots.length > SCREENSHOT.max)
    problems.push(
      error(
        'assets.screenshots',
        `${shots.length} screenshots found; at most ${SCREENSHOT.max} are supported.`,
      ),
    );
  for (const path of shots)
    problems.push(...pngSize(app, path, SCREENSHOT.width, SCREENSHOT.height, 'assets.screenshots'));
  return problems;
}

export function banner(app: ParsedApp): Problem[] {
  const bytes = app.files.get(BANNER.path);
  if (!bytes) return [];
  const info = readPngInfo(bytes);
  if (!info) return [error('assets.banner', 'Banner image must be a PNG file.')];
  const ok =
    (info.width === BANNER.width && info.height === BANNER.height) ||
    (info.width === 2 * BANNER.width && info.height === 2 * BANNER.height);
  return ok
    ? []
    : [
        error(
          'assets.banner',
          `Invalid banner image dimensions. Must be ${BANNER.width}x${BANNER.height}px.`,
        ),
      ];
}

const DIRTY_SVG = [
  { pattern: /<script\b/i, what: 'a <script> element' },
  { pattern: /<foreignObject\b/i, what: 'a <foreignObject> element' },
  { pattern: /\son[a-z]+\s*=/i, what: 'an event handler attribute' },
  { pattern: /(?:href|src)\s*=\s*["']?\s*javascript:/i, what: 'a javascript: link' },
  { pattern: /<!ENTITY/i, what: 'an entity declaration' },
];

export function svgs(app: ParsedApp): Problem[] {
  const problems: Problem[] = [];
  for (const [path, bytes] of app.files) {
    if (!/^assets\/.*\.svg$/.test(path)) continue;
    const markup = bytes.toString('utf8');
    if (!/<svg[\s>]/i.test(markup)) {
      problems.push(error('assets.svg', `${path} is not SVG markup.`));
      continue;
    }
    for (const { pattern, what } of DIRTY_SVG)
      if (pattern.test(markup))
        problems.push(
          error('assets.svg', `${path} contains invalid markup (${what}) that Zendesk would strip.`),
        );
    if (/<image\b[^>]*data:image\//i.test(markup))
      problems.push(
        warning('assets.svg', `${path} contains an embedded bitmap and cannot be used as an app icon.`),
      );
  }
  return problems;
}

export const assetRules = [logos, screenshots, banner, svgs];
