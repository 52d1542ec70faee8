/**
 * Runs the real `zcli apps:server` on an app folder, as a developer would, and waits until it
 * answers /app.json.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface AppsServerOptions {
  appDir: string;
  /** zcli's default is 4567. */
  port: number;
  /** How long to wait for zcli to answer; default 60 s (oclif starts slowly on a busy machine). */
  startTimeoutMs?: number;
}

export interface RunningAppsServer {
  /** http://localhost:<port>, as zcli writes it into app.json's asset URLs. */
  url: string;
  close(): Promise<void>;
}

const ZCLI = path.join(path.dirname(require.resolve('@zendesk/zcli/package.json')), 'bin', 'run');

export async function startAppsServer(opts: AppsServerOptions): Promise<RunningAppsServer> {
  const url = `http://localhost:${opts.port}`;
  const child = spawn(
    process.execPath,
    [ZCLI, 'apps:server', path.resolve(opts.appDir), '--port', String(opts.port)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ZCLI_DISABLE_UPDATE_CHECK: '1' },
    },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const close = async (): Promise<void> => {
    if (hasExited) return;
    child.kill('SIGTERM');
    await exited;
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  for (;;) {
    if (hasExited) throw new Error(`zcli apps:server exited before serving ${url}:\n${output.trim()}`);
    try {
      const res = await fetch(`${url}/app.json`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { url, close };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`zcli apps:server did not answer ${url}/app.json in time:\n${output.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
