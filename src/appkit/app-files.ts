import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ignoreMatcher } from './ignore';

/** An app folder as Zendesk sees it: the files that go into the zip, by relative path. */
export interface AppFiles {
  /** Relative POSIX path → content, sorted by path. */
  files: Map<string, Buffer>;
  /** Relative paths of symbolic links (Zendesk rejects them). */
  symlinks: string[];
}

/**
 * Reads an app folder the way `zcli apps:package` collects it: every file below the folder
 * except dot-files, `tmp/**` and the patterns listed in `.zcliignore`.
 */
export async function readAppDir(dir: string): Promise<AppFiles> {
  const root = path.resolve(dir);
  let ignorePatterns: string[] = ['tmp/**'];
  try {
    const listed = (await readFile(path.join(root, '.zcliignore'), 'utf8'))
      .replace(/\r\n/g, '\n')
      .split('\n');
    ignorePatterns = ignorePatterns.concat(
      listed.map((l) => l.trim()).filter((l) => l && !l.startsWith('#')),
    );
  } catch {
    // no .zcliignore: only tmp/ is left out, as with zcli
  }
  const isIgnored = ignoreMatcher(ignorePatterns);
  const found: Array<[string, Buffer]> = [];
  const symlinks: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(path.join(root, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (isIgnored(relPath)) continue;
      const stat = await lstat(path.join(root, relPath));
      if (stat.isSymbolicLink()) symlinks.push(relPath);
      else if (stat.isDirectory()) await walk(relPath);
      else if (stat.isFile()) found.push([relPath, await readFile(path.join(root, relPath))]);
    }
  };
  await walk('');
  found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { files: new Map(found), symlinks: symlinks.sort() };
}
