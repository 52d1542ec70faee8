/** `portal-pulse simulate` prints the base URL and credentials, serves, and stops on SIGTERM. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { get } from './http';

test('simulate starts, answers, and stops cleanly on SIGTERM', async () => {
  const main = path.resolve(__dirname, '../../src/cli/main.ts');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', main, 'simulate', '--port', '0', '--seed', '5', '--scale', '200'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no base URL in: ${out}`)), 20_000);
    child.stdout.on('data', () => {
      // The banner may arrive in several chunks: wait for its last line.
      const m = /base URL\s+(http:\/\/\S+)/.exec(out);
      if (m && out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  expect(out).toContain('admin@demo.test/token:demo-token');
  expect((await get(url, '/api/v2/users/me.json')).json.user).toMatchObject({ role: 'admin' });
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', (c) => resolve(c));
    child.kill('SIGTERM');
  });
  expect(code).toBe(0);
  expect(out).toContain('Simulator stopped.');
});

test('simulate names a bad flag', async () => {
  const main = path.resolve(__dirname, '../../src/cli/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'simulate', '--fail-rate', '2'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(2);
  expect(err).toContain('--fail-rate must be a share from 0 to 1');
});
