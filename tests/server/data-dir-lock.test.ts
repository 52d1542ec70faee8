import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lockDataDir, StorageError } from '../../src/server/db/data-dir-lock';
import { openDatabase } from '../../src/server/db/database';
import { migrate } from '../../src/server/db/migrate';
import { addTenant, listTenants } from '../../src/server/repo/tenants';

describe('one process at a time per PGlite data folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pulse-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second opening with a message naming the holder, and frees the folder on close', async () => {
    const first = await openDatabase({ dataDir: dir });
    await migrate(first);
    await addTenant(first, {
      subdomain: 'acme',
      helpdeskUrl: 'http://127.0.0.1:9',
      apiEmail: 'a@acme.test',
      apiToken: 'token',
      jwtSecret: 'secret-of-acme-0123',
    });
    const refused = openDatabase({ dataDir: dir });
    await expect(refused).rejects.toThrow(StorageError);
    await expect(refused).rejects.toThrow(/in use by this process.*DATABASE_URL/s);
    await first.close();

    // Nothing the first one stored was lost to the refused one.
    const second = await openDatabase({ dataDir: dir });
    try {
      expect((await listTenants(second)).map((t) => t.subdomain)).toEqual(['acme']);
    } finally {
      await second.close();
    }
  });

  it('takes over the lock of a process that is gone (killed without closing)', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(
      path.join(dir, 'portal-pulse.lock'),
      JSON.stringify({ pid: Number(gone.stdout), command: 'serve' }),
    );
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/in use by this process/);
    release();
    lockDataDir(dir)();
  });

  it('leaves in-memory databases alone', async () => {
    const a = await openDatabase({ dataDir: 'memory://' });
    const b = await openDatabase({ dataDir: 'memory://' });
    await a.close();
    await b.close();
  });
});
