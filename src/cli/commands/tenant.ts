import type { Command } from 'commander';
import { UserError } from '../errors';
import { openDatabase, type Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { addTenant, DuplicateTenantError, listTenants, removeTenant } from '../../server/repo/tenants';
import { storageFromEnv } from '../../server/storage-options';

interface AddFlags {
  subdomain: string;
  helpdeskUrl: string;
  email: string;
  token: string;
  secret: string;
  helpCenterOrigin: string[];
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(storageFromEnv());
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

function checkUrl(flag: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`--${flag} must be an absolute URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError(`--${flag} must be an http(s) URL, got "${value}"`);
  }
  return value;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerTenant(program: Command): void {
  const tenant = program
    .command('tenant')
    .description('Manage the helpdesk installations this backend serves.');

  tenant
    .command('add')
    .description('Register a helpdesk: its API credentials and the shared secret its app signs JWTs with.')
    .requiredOption('--subdomain <s>', 'helpdesk subdomain; the JWT iss claim')
    .requiredOption('--helpdesk-url <url>', 'helpdesk base URL, e.g. https://acme.zendesk.com')
    .requiredOption('--email <email>', 'API user email')
    .requiredOption('--token <token>', 'helpdesk API token (stored, never shown again)')
    .requiredOption('--secret <secret>', "shared secret of the app's JWT (the app's secure setting)")
    .option(
      '--help-center-origin <url>',
      'help center origin allowed to send portal events (repeatable)',
      collect,
      [],
    )
    .action(async (flags: AddFlags) => {
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/i.test(flags.subdomain)) {
        throw new UserError(`--subdomain must be letters, digits and dashes, got "${flags.subdomain}"`);
      }
      if (flags.secret.length < 16) throw new UserError('--secret must be at least 16 characters');
      const origins = flags.helpCenterOrigin.map((o) => new URL(checkUrl('help-center-origin', o)).origin);
      const added = await withDatabase(async (db) => {
        try {
          return await addTenant(db, {
            subdomain: flags.subdomain,
            helpdeskUrl: checkUrl('helpdesk-url', flags.helpdeskUrl),
            apiEmail: flags.email,
            apiToken: flags.token,
            jwtSecret: flags.secret,
            helpCenterOrigins: origins,
          });
        } catch (err) {
          if (err instanceof DuplicateTenantError) throw new UserError(err.message);
          throw err;
        }
      });
      process.stdout.write(`added tenant ${added.subdomain} (${added.helpdesk_url})\n`);
    });

  tenant
    .command('list')
    .description('List tenants (never their secrets).')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const tenants = await withDatabase(listTenants);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(tenants, null, 2)}\n`);
        return;
      }
      if (tenants.length === 0) process.stdout.write('no tenants\n');
      for (const t of tenants) {
        const origins = t.help_center_origins.length
          ? ` help-center: ${t.help_center_origins.join(', ')}`
          : '';
        process.stdout.write(`${t.subdomain}\t${t.helpdesk_url}\t${t.api_email}${origins}\n`);
      }
    });

  tenant
    .command('remove <subdomain>')
    .description('Remove a tenant and all its data.')
    .action(async (subdomain: string) => {
      const removed = await withDatabase((db) => removeTenant(db, subdomain));
      if (!removed) throw new UserError(`no tenant with subdomain "${subdomain}"`);
      process.stdout.write(`removed tenant ${subdomain} and its data\n`);
    });
}
