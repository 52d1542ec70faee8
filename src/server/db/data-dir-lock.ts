/**
 * One process at a time per PGlite data folder. PGlite is an embedded database: two processes
 * opening the same folder each keep their own copy in memory and write it back on close, so
 * `tenant add` or `import` run beside `serve` was silently lost when the server stopped. The
 * lock file holds the owner's pid; a lock whose process is gone (kill -9, power loss) is taken
 * over.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';

/** Storage that cannot be opened, worded for the person at the terminal. */
export class StorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageError';
  }
}

const LOCK_FILE = 'portal-pulse.lock';

interface Owner {
  pid: number;
  command: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): Owner | null {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' ? { pid: owner.pid, command: String(owner.command ?? '') } : null;
  } catch {
    return null;
  }
}

/** Takes the folder's lock or throws a StorageError naming the process that holds it. Returns the release. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(file);
      if (owner && alive(owner.pid)) {
        const who = owner.pid === process.pid ? 'this process' : `process ${owner.pid}`;
        throw new StorageError(
          `the data folder ${dataDir} is in use by ${who} (${owner.command || 'portal-pulse'}). ` +
            'PGlite lets one process use it at a time: stop that process first, or keep the server ' +
            'and these commands on PostgreSQL (DATABASE_URL), which takes several at once. ' +
            `(If no such process is running any more, delete ${file}.)`,
        );
      }
      rmSync(file, { force: true });
      continue;
    }
    const owner: Owner = { pid: process.pid, command: process.argv.slice(2).join(' ') };
    writeSync(fd, JSON.stringify(owner));
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
    };
    // A process that ends without closing the database must not leave its lock behind.
    process.on('exit', release);
    return release;
  }
  throw new StorageError(`cannot take the lock of the data folder ${dataDir}`);
}
