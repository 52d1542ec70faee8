import type { Command } from 'commander';
import { UserError } from '../errors';
import { startSimulator } from '../../simulator';
import { basicAuthHeader } from '../../simulator/server';
import { DEFAULTS } from '../../simulator/start';

interface SimulateFlags {
  port: string;
  host: string;
  seed: string;
  scale: string;
  live?: boolean;
  webhookUrl?: string;
  webhookSecret: string;
  failRate: string;
  latencyMs: string;
  truncateRate: string;
  email: string;
  token: string;
  exportLimit: string;
  limit: string;
}

function integer(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UserError(`--${name} must be an integer from ${min} to ${max}, got "${v}"`);
  return n;
}

function share(name: string, v: string): number {
  const n = Number(v);
  if (!(n >= 0 && n <= 1)) throw new UserError(`--${name} must be a share from 0 to 1, got "${v}"`);
  return n;
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'Serve a generated tenant through the Zendesk REST API (for ingestion, the app and benchmarks).',
    )
    .option('--port <port>', 'port to listen on (0 = any free port)', '4010')
    .option('--host <host>', 'address to listen on', DEFAULTS.host)
    .option('--seed <n>', 'generator seed', '1')
    .option('--scale <scale>', 'small | medium | large | a ticket count', 'small')
    .option('--live', 'keep producing tickets and portal events over wall-clock time')
    .option('--webhook-url <url>', 'in live mode, POST signed Zendesk webhooks here')
    .option('--webhook-secret <secret>', 'webhook signing secret', DEFAULTS.webhookSecret)
    .option('--fail-rate <share>', 'share of requests answered 500/502/503', '0')
    .option('--latency-ms <ms>', 'delay before every answer', '0')
    .option('--truncate-rate <share>', 'share of bodies cut short', '0')
    .option('--email <email>', 'API user email', DEFAULTS.email)
    .option('--token <token>', 'API token', DEFAULTS.token)
    .option(
      '--export-limit <n>',
      'incremental export requests per minute',
      String(DEFAULTS.exportLimitPerMinute),
    )
    .option('--limit <n>', 'other requests per minute (the plan limit)', String(DEFAULTS.limitPerMinute))
    .action(async (flags: SimulateFlags) => {
      if (flags.webhookUrl !== undefined && !/^https?:\/\//.test(flags.webhookUrl))
        throw new UserError(`--webhook-url must be an http(s) URL, got "${flags.webhookUrl}"`);
      if (flags.webhookUrl !== undefined && !flags.live) throw new UserError('--webhook-url needs --live');
      const started = performance.now();
      let sim;
      try {
        sim = await startSimulator({
          port: integer('port', flags.port, 0, 65535),
          host: flags.host,
          seed: integer('seed', flags.seed, 0, 2 ** 31 - 1),
          scale: flags.scale,
          live: flags.live === true,
          webhookUrl: flags.webhookUrl,
          webhookSecret: flags.webhookSecret,
          failRate: share('fail-rate', flags.failRate),
          latencyMs: integer('latency-ms', flags.latencyMs, 0, 600_000),
          truncateRate: share('truncate-rate', flags.truncateRate),
          email: flags.email,
          token: flags.token,
          exportLimitPerMinute: integer('export-limit', flags.exportLimit, 1, 1_000_000),
          limitPerMinute: integer('limit', flags.limit, 1, 1_000_000),
        });
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e.code === 'EADDRINUSE')
          throw new UserError(`port ${flags.port} is already in use; pick another with --port`);
        if (err instanceof RangeError) throw new UserError(err.message);
        throw err;
      }
      const s = sim.stats;
      const out = process.stdout;
      out.write(
        `Zendesk simulator, subdomain "demo": ${s.tickets.toLocaleString('en')} tickets, ` +
          `${s.people.toLocaleString('en')} people, ${s.events.toLocaleString('en')} signed-in portal events ` +
          `(seed ${flags.seed}, scale ${flags.scale}; ready in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
      );
      out.write(`  base URL     ${sim.url}\n`);
      out.write(`  credentials  ${flags.email}/token:${flags.token}\n`);
      out.write(`  header       Authorization: ${basicAuthHeader(flags.email, flags.token)}\n`);
      out.write(
        `  rate limits  ${flags.exportLimit}/min incremental exports, ${flags.limit}/min other endpoints\n`,
      );
      if (flags.live)
        out.write(
          `  live         on${flags.webhookUrl ? `, signed webhooks to ${flags.webhookUrl}` : ' (no --webhook-url)'}\n`,
        );
      out.write('Press Ctrl-C to stop.\n');
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void sim.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      out.write('Simulator stopped.\n');
    });
}
