import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readAppDir } from '../../src/appkit/app-files';
import { AppInvalidError, packageApp, packageName } from '../../src/appkit/package';
import { zipApp } from '../../src/appkit/zip';
import { appWith } from './fixtures';

/** Entry names from a zip's central directory. */
function zipEntries(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

async function writeApp(dir: string, files: Map<string, Buffer>): Promise<void> {
  for (const [rel, bytes] of files) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), bytes);
  }
}

describe('reading and packaging an app folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pp-app-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('collects what zcli zips: no dot-files, no tmp/, nothing listed in .zcliignore', async () => {
    await writeApp(dir, appWith().files);
    await writeFile(path.join(dir, '.zcliignore'), '# local only\nzcli.apps.config.json\nassets/*.map\n');
    await writeFile(path.join(dir, 'zcli.apps.config.json'), '{"parameters":{"shared_secret":"s"}}');
    await writeFile(path.join(dir, 'assets/main.js.map'), '{}');
    await mkdir(path.join(dir, 'tmp'));
    await writeFile(path.join(dir, 'tmp/app-1.zip'), 'old package');
    await writeFile(path.join(dir, '.DS_Store'), '');
    const app = await readAppDir(dir);
    expect([...app.files.keys()]).toEqual([...appWith().files.keys()].sort());
  });

  it('reports symlinks instead of following them', async () => {
    await writeApp(dir, appWith().files);
    await symlink(path.join(dir, 'assets/main.js'), path.join(dir, 'assets/alias.js'));
    expect((await readAppDir(dir)).symlinks).toEqual(['assets/alias.js']);
  });

  it('writes a zip with every file at the root, byte-identical for the same app', async () => {
    await writeApp(dir, appWith().files);
    const out = path.join(dir, 'tmp');
    const result = await packageApp(dir, out, new Date('2026-01-02T03:04:05.678Z'));
    expect(path.basename(result.zipPath)).toBe('app-20260102030405678.zip');
    const zip = await readFile(result.zipPath);
    expect(zipEntries(zip)).toEqual([...appWith().files.keys()].sort());
    expect(result).toMatchObject({ bytes: zip.length, files: appWith().files.size, problems: [] });
    expect((await zipApp(await readAppDir(dir))).equals(zip)).toBe(true);
  });

  it('writes nothing when the app is invalid, and says why', async () => {
    const files = appWith({ manifest: (m) => delete m.author }).files;
    await writeApp(dir, files);
    const out = path.join(dir, 'out');
    const err = await packageApp(dir, out).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppInvalidError);
    expect((err as AppInvalidError).message).toContain('Missing required field in manifest: author');
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });

  it('names packages as zcli does', () => {
    expect(packageName(new Date('2026-11-22T20:05:09.001Z'))).toBe('app-20261122200509001.zip');
  });
});
