/** A small valid app, in memory, for validator tests to break one rule at a time. */
import type { AppFiles } from '../../src/appkit/app-files';
import { encodeRgbaPng } from '../../src/appkit/png-encode';

export function png(width: number, height: number): Buffer {
  return encodeRgbaPng(width, height, new Uint8Array(width * height * 4).fill(200));
}

/** A PNG header claiming RGB without alpha (the validator reads the header only). */
export function rgbPng(width: number, height: number): Buffer {
  const bytes = Buffer.from(png(width, height));
  bytes.writeUInt8(2, 25);
  return bytes;
}

export const ICON = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 18 18"><path fill="none" stroke="currentColor" d="M1 9h16"/></svg>',
);

export function validManifest(): Record<string, unknown> {
  return {
    name: 'Test App',
    author: { name: 'Ada', email: 'ada@example.com', url: 'https://example.com' },
    defaultLocale: 'en',
    private: false,
    location: {
      support: {
        ticket_sidebar: { url: 'assets/index.html', flexible: true },
        nav_bar: { url: 'assets/index.html' },
      },
    },
    version: '1.0.0',
    frameworkVersion: '2.0',
    domainWhitelist: ['example.com'],
    parameters: [
      { name: 'backend_url', type: 'url' },
      { name: 'shared_secret', type: 'text', secure: true },
    ],
  };
}

export function validTranslations(): Record<string, unknown> {
  return {
    app: {
      name: 'Test App',
      short_description: 'Short',
      long_description: 'Long',
      installation_instructions: 'Install it',
      parameters: {
        backend_url: { label: 'Backend URL', helpText: 'Where' },
        shared_secret: { label: 'Secret', helpText: 'Shh' },
      },
    },
    ui: { hello: 'Hello' },
  };
}

export function appWith(
  edit: {
    manifest?: (m: Record<string, unknown>) => void;
    files?: Record<string, Buffer | string | null>;
    symlinks?: string[];
  } = {},
): AppFiles {
  const manifest = validManifest();
  edit.manifest?.(manifest);
  const files: Record<string, Buffer | string | null> = {
    'manifest.json': JSON.stringify(manifest),
    'translations/en.json': JSON.stringify(validTranslations()),
    'translations/de.json': JSON.stringify(validTranslations()),
    'assets/index.html': '<!doctype html><div id="root"></div>',
    'assets/main.js': 'console.log(1)',
    'assets/logo.png': png(320, 320),
    'assets/logo-small.png': png(128, 128),
    'assets/icon_nav_bar.svg': ICON,
    ...edit.files,
  };
  const map = new Map<string, Buffer>();
  for (const [path, content] of Object.entries(files))
    if (content !== null) map.set(path, Buffer.isBuffer(content) ? content : Buffer.from(content));
  return { files: map, symlinks: edit.symlinks ?? [] };
}
