import type { Command } from 'commander';
import { access } from 'node:fs/promises';
import { UserError } from '../errors';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { importFiles, ImportFormatError } from '../../server/import/import-files';
import { getTenantBySubdomain } from '../../server/repo/tenants';
import { storageFromEnv } from '../../server/storage-options';

/** Bad lines printed per file; the count covers the rest. */
const SHOWN_ERRORS = 20;

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Import Pulse records NDJSON or Zendesk JSON export files into a tenant (idempotent).')
    .requiredOption('--tenant <subdomain>', 'tenant to import into')
    .argument('<files...>', 'files to import')
    .action(async (files: string[], flags: { tenant: string }) => {
      for (const f of files) {
        await access(f).catch(() => {
          throw new UserError(`cannot read ${f}`);
        });
      }
      const db = await openDatabase(storageFromEnv());
      try {
        await migrate(db);
        const tenant = await getTenantBySubdomain(db, flags.tenant);
        if (!tenant)
          throw new UserError(
            `no tenant with subdomain "${flags.tenant}" (add it with: portal-pulse tenant add)`,
          );
        const results = await importFiles(db, tenant.id, files).catch((err: unknown) => {
          if (err instanceof ImportFormatError) throw new UserError(err.message);
          throw err;
        });
        let bad = 0;
        for (const r of results) {
          process.stdout.write(
            `${r.file}: ${r.lines} lines, ${r.records} records (${r.format}): ${r.inserted} inserted, ${r.updated} updated, ${r.errorCount} bad lines\n`,
          );
          for (const e of r.errors.slice(0, SHOWN_ERRORS))
            process.stderr.write(`${r.file}:${e.line}: ${e.message}\n`);
          if (r.errorCount > SHOWN_ERRORS)
            process.stderr.write(`${r.file}: … and ${r.errorCount - SHOWN_ERRORS} more bad lines\n`);
          bad += r.errorCount;
        }
        if (bad > 0) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
