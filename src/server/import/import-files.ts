import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Database } from '../db/database';
import { detectFormat, pulseRecordsDecoder, type FileFormat } from './decoders';
import { importLines, type ImportOptions, type ImportResult, type LineDecoder } from './import-lines';
import { zendeskLineDecoder } from './zendesk-decoder';

export interface FileImport extends ImportResult {
  file: string;
  format: FileFormat;
}

/** Decoders per format. */
export type Decoders = Partial<Record<FileFormat, LineDecoder>>;

export const DEFAULT_DECODERS: Decoders = { pulse: pulseRecordsDecoder, zendesk: zendeskLineDecoder };

export class ImportFormatError extends Error {}

/** The first non-blank line (up to 1 MB in), to tell the file's format. */
async function firstLine(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(1024 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    return text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  } finally {
    await handle.close();
  }
}

/** Whole documents are parsed in memory, so they are capped; line-delimited files have no limit. */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

async function readWholeJson(file: string): Promise<{ format: FileFormat | null; line: string }> {
  if ((await stat(file)).size > MAX_DOCUMENT_BYTES) {
    throw new ImportFormatError(
      `${file}: a multi-line JSON document over 256 MB; export it as one object per line`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ImportFormatError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const line = JSON.stringify(value);
  return { format: detectFormat(line), line };
}

export async function importFiles(
  db: Database,
  tenantId: string,
  files: string[],
  decoders: Decoders = DEFAULT_DECODERS,
  opts: ImportOptions = {},
): Promise<FileImport[]> {
  const results: FileImport[] = [];
  for (const file of files) {
    const line = await firstLine(file);
    if (line === '') {
      results.push({
        file,
        format: 'pulse',
        lines: 0,
        records: 0,
        inserted: 0,
        updated: 0,
        errors: [],
        errorCount: 0,
      });
      continue;
    }
    let format = detectFormat(line);
    let input: Readable = createReadStream(file);
    if (format === null && /^\s*[[{]/.test(line)) {
      // A pretty-printed document (a saved API response): read it whole and import it as one line.
      const doc = await readWholeJson(file);
      format = doc.format;
      input = Readable.from([doc.line]);
    }
    if (format === null) {
      throw new ImportFormatError(
        `${file}: line 1 is not a JSON object; expected Pulse records NDJSON or a Zendesk JSON export`,
      );
    }
    const decode = decoders[format];
    if (!decode) throw new ImportFormatError(`${file}: ${format} files cannot be imported by this build`);
    const result = await importLines(db, tenantId, input, decode, opts);
    results.push({ file, format, ...result });
  }
  return results;
}
