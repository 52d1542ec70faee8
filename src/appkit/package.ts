import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errorsOf, formatProblems, validateAppDir } from './validate';
import type { Problem } from './problem';

/** The app failed validation; `problems` says why. */
export class AppInvalidError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`the app is not valid:\n${formatProblems(problems)}`);
    this.name = 'AppInvalidError';
  }
}

export interface PackageResult {
  zipPath: string;
  bytes: number;
  files: number;
  /** Warnings only: a package is never written with errors. */
  problems: Problem[];
}

/** zcli names packages app-<UTC timestamp digits>.zip. */
export function packageName(now: Date): string {
  return `app-${now.toISOString().replace(/[^0-9]/g, '')}.zip`;
}

/** Validates an app folder and writes the zip zcli would upload into `outDir`. */
export async function packageApp(appDir: string, outDir: string, now = new Date()): Promise<PackageResult> {
  const { app, zip, problems } = await validateAppDir(appDir);
  if (errorsOf(problems).length > 0) throw new AppInvalidError(problems);
  await mkdir(outDir, { recursive: true });
  const zipPath = path.join(outDir, packageName(now));
  await writeFile(zipPath, zip);
  return { zipPath, bytes: zip.length, files: app.files.size, problems };
}
