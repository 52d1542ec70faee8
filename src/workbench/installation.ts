/**
 * The app installation the workbench plays: parameters from dist/manifest.json, values from
 * zcli.apps.config.json (the file `zcli apps:server` reads), split into what the browser may
 * see and what only the proxy holds.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface Installation {
  name: string;
  version: string;
  /** Every setting value, as strings (how Zendesk stores them). */
  settings: Record<string, string>;
  /** Settings sent to the browser in metadata: every non-secure one. */
  publicSettings: Record<string, string>;
  secureSettings: string[];
  domainWhitelist: string[];
}

interface ManifestParameter {
  name: string;
  secure?: boolean;
  default?: unknown;
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
}

export async function loadInstallation(
  appDir: string,
  overrides: Record<string, string> = {},
): Promise<Installation> {
  const manifest = await readJson(path.join(appDir, 'manifest.json'));
  let configured: Record<string, unknown> = {};
  try {
    const config = await readJson(path.join(appDir, 'zcli.apps.config.json'));
    configured = (config.parameters ?? {}) as Record<string, unknown>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const params = (Array.isArray(manifest.parameters) ? manifest.parameters : []) as ManifestParameter[];
  const settings: Record<string, string> = {};
  for (const p of params) {
    const value = p.name in overrides ? overrides[p.name] : (configured[p.name] ?? p.default ?? '');
    settings[p.name] = String(value);
  }
  const secureSettings = params.filter((p) => p.secure === true).map((p) => p.name);
  const publicSettings = Object.fromEntries(
    Object.entries(settings).filter(([name]) => !secureSettings.includes(name)),
  );
  return {
    name: String(manifest.name ?? 'App'),
    version: String(manifest.version ?? ''),
    settings,
    publicSettings,
    secureSettings,
    domainWhitelist: Array.isArray(manifest.domainWhitelist) ? manifest.domainWhitelist.map(String) : [],
  };
}
