/**
 * Package rules (validations/marketplace.rb, mime.rb, source.rb and Zendesk's upload limit):
 * no symlinks, no archives or executables, no v1 app code in an iframe app, under 2 MB zipped.
 */
import { error, type ParsedApp, type Problem } from '../problem';

/** Zendesk rejects uploads above this (the zipped package). */
export const MAX_PACKAGE_BYTES = 2 * 1024 * 1024;

/** Mime::UNSUPPORTED_MIME_TYPES, matched on extension. */
const BLOCKED_EXTENSIONS = [
  'rar',
  'zip',
  'gz',
  'gzip',
  'pdf',
  'doc',
  'docx',
  'avi',
  'bin',
  'bz',
  'bz2',
  'csh',
  'sh',
  'jar',
  'mp3',
  'mpeg',
  'odt',
  'pptx',
  'ppt',
  'xls',
  'xlsx',
  '7z',
  'exe',
];
/** The same types recognised by their first bytes, whatever the file is called. */
const MAGIC: Array<{ bytes: number[]; type: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], type: 'zip' },
  { bytes: [0x1f, 0x8b], type: 'gzip' },
  { bytes: [0x25, 0x50, 0x44, 0x46], type: 'pdf' },
  { bytes: [0x52, 0x61, 0x72, 0x21], type: 'rar' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], type: '7z' },
  { bytes: [0x42, 0x5a, 0x68], type: 'bz2' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], type: 'executable' },
  { bytes: [0x4d, 0x5a], type: 'executable' },
];

export function symlinks(app: ParsedApp): Problem[] {
  return app.symlinks.length === 0
    ? []
    : [error('files.symlink', `Symlinks are not allowed in the zip file: ${app.symlinks.join(', ')}`)];
}

function blockedType(path: string, bytes: Buffer): string | null {
  const ext = path.includes('.') ? path.slice(path.lastIndexOf('.') + 1).toLowerCase() : '';
  if (BLOCKED_EXTENSIONS.includes(ext)) return ext;
  const magic = MAGIC.find((m) => m.bytes.every((b, i) => bytes[i] === b));
  return magic ? magic.type : null;
}

export function mimeTypes(app: ParsedApp): Problem[] {
  const blocked = [...app.files].filter(([path, bytes]) => blockedType(path, bytes) !== null).map(([p]) => p);
  return blocked.length === 0
    ? []
    : [
        error(
          'files.mime',
          `Unsupported MIME type${blocked.length > 1 ? 's' : ''} detected in ${blocked.join(', ')}.`,
        ),
      ];
}

/** An app whose locations are URLs (framework 2) must not carry framework-1 code. */
export function iframeOnlySource(app: ParsedApp): Problem[] {
  const v1 = [...app.files.keys()].filter(
    (p) =>
      p === 'app.js' ||
      p === 'app.css' ||
      p === 'app.scss' ||
      (p.startsWith('lib/') && p.endsWith('.js')) ||
      /^templates\/.*\.hdbs$/.test(p),
  );
  return v1.length === 0
    ? []
    : [
        error(
          'files.source',
          `Javascripts, stylesheets, and templates are not allowed when an iframe URI is specified: ${v1.join(', ')}`,
        ),
      ];
}

export function packageSize(zipBytes: number): Problem[] {
  if (zipBytes < MAX_PACKAGE_BYTES) return [];
  const mb = (n: number) => (n / 1024 / 1024).toFixed(2);
  return [
    error(
      'files.size',
      `The package is ${mb(zipBytes)} MB zipped; Zendesk accepts less than ${mb(MAX_PACKAGE_BYTES)} MB.`,
    ),
  ];
}

export function requirementsJson(app: ParsedApp): Problem[] {
  const bytes = app.files.get('requirements.json');
  if (!bytes) return [];
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return [error('files.requirements', 'requirements.json must be a JSON object of resource types.')];
    return [];
  } catch (err) {
    return [error('files.requirements', `requirements.json is not proper JSON. ${(err as Error).message}`)];
  }
}

export const fileRules = [symlinks, mimeTypes, iframeOnlySource, requirementsJson];
