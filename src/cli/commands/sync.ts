import type { Command } from 'commander';
import { hostname } from 'node:os';
import { UserError } from '../errors';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { syncTenantBySubdomain, UnknownTenantError } from '../../server/ingest/tenant-sync';
import { storageFromEnv } from '../../server/storage-options';

function positiveInt(name: string, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new UserError(`${name} must be an integer from 1 to ${max}`);
    return n;
  };
}

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('Run one ingestion pass for a tenant (every source to the end of its stream), then exit.')
    .requiredOption('--tenant <subdomain>', 'tenant to sync')
    .option(
      '--per-page <n>',
      'records per export page (fewest requests at 1000)',
      positiveInt('--per-page', 1000),
      1000,
    )
    .option(
      '--export-limit <n>',
      "incremental export requests a minute (Zendesk's limit is 10)",
      positiveInt('--export-limit', 100_000),
      10,
    )
    .option(
      '--worker <id>',
      'worker id for the sync lease; a restarted worker with the same id resumes at once',
      `sync@${hostname()}`,
    )
    .action(async (flags: { tenant: string; perPage: number; exportLimit: number; worker: string }) => {
      const db = await openDatabase(storageFromEnv());
      try {
        await migrate(db);
        const result = await syncTenantBySubdomain(db, flags.tenant, {
          perPage: flags.perPage,
          owner: flags.worker,
          client: { limitsPerMinute: { incremental: flags.exportLimit } },
        }).catch((err: unknown) => {
          if (err instanceof UnknownTenantError) throw new UserError(err.message);
          throw err;
        });
        for (const s of result.sources) {
          const tail = s.error === null ? '' : `, error: ${s.error}`;
          process.stdout.write(
            `${s.source}: ${s.fetched} fetched in ${s.pages} pages, ${s.changed} changed${tail}\n`,
          );
        }
        process.stdout.write(`requests: ${result.requests}\n`);
        if (result.sources.some((s) => s.error !== null)) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
