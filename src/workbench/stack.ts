/**
 * The whole local stack `npm start` runs: the helpdesk simulator, the backend with tenant
 * 'demo' pointing at it, the app build, the real `zcli apps:server`, and the workbench.
 */
import path from 'node:path';
import { buildApp } from '../appkit/build';
import type { PortalEvent } from '../core/records';
import { createGenerator, ticketsForScale } from '../generator';
import { zendeskId } from '../platforms/zendesk/ids';
import { startServer } from '../server';
import { syncTenantBySubdomain } from '../server/ingest/tenant-sync';
import { upsertRecords } from '../server/repo/records';
import { addTenant, getTenantSecretsBySubdomain, removeTenant } from '../server/repo/tenants';
import { basicAuthHeader, startSimulator } from '../simulator';
import { startAppsServer } from './apps-server';
import { loadInstallation } from './installation';
import { startWorkbench } from './server';

export const DEMO = {
  subdomain: 'demo',
  email: 'admin@demo.test',
  token: 'demo-token',
} as const;

export interface DevStackOptions {
  seed?: number;
  /** small | medium | large | a ticket count. */
  scale?: string;
  /** Run the backend (default true); without it the app runs in live mode. */
  withBackend?: boolean;
  /** Backend storage; default ./data. Tests pass 'memory://'. */
  dataDir?: string;
  /** Run ingestion in the backend (default true). */
  ingest?: boolean;
  /** Build the app first (default true). */
  build?: boolean;
  /** The folder zcli serves; default dist. */
  appDir?: string;
  /** 0 = any free port; zcli's default 4567 for the apps server. */
  ports?: { simulator?: number; backend?: number; apps: number; workbench?: number };
  log?: (line: string) => void;
}

export interface DevStack {
  workbenchUrl: string;
  simulatorUrl: string;
  appsServerUrl: string;
  backendUrl: string | null;
  close(): Promise<void>;
}

/** Registers tenant 'demo' for the simulator, replacing a stale registration from an earlier run. */
async function registerDemoTenant(
  db: Parameters<typeof addTenant>[0] & Parameters<typeof removeTenant>[0],
  helpdeskUrl: string,
  jwtSecret: string,
): Promise<void> {
  const existing = await getTenantSecretsBySubdomain(db, DEMO.subdomain);
  if (
    existing &&
    existing.helpdesk_url === helpdeskUrl &&
    existing.jwt_secret === jwtSecret &&
    existing.api_token === DEMO.token
  )
    return;
  if (existing) await removeTenant(db, DEMO.subdomain);
  await addTenant(db, {
    subdomain: DEMO.subdomain,
    helpdeskUrl,
    apiEmail: DEMO.email,
    apiToken: DEMO.token,
    jwtSecret,
  });
}

/** A generator portal event with the ids the simulator serves its people, organizations and articles under. */
export function withSimulatorIds(e: PortalEvent): PortalEvent {
  return {
    ...e,
    person_id: e.person_id === null ? null : String(zendeskId('user', e.person_id)),
    account_id: e.account_id === null ? null : String(zendeskId('organization', e.account_id)),
    article_id: e.article_id === null ? null : String(zendeskId('article', e.article_id)),
  };
}

/**
 * Gives the demo backend the simulator's data before anyone opens the app: one sync pass over
 * the simulator's API (tickets, people, organizations, under their Zendesk ids), and the tenant's
 * portal events, which a help center posts and no helpdesk export carries.
 */
async function loadDemoData(
  db: Parameters<typeof upsertRecords>[0] & Parameters<typeof syncTenantBySubdomain>[0],
  seed: number,
  scale: string,
): Promise<{ events: number; failed: string[] }> {
  const { sources } = await syncTenantBySubdomain(db, DEMO.subdomain);
  const tenant = await getTenantSecretsBySubdomain(db, DEMO.subdomain);
  if (!tenant) throw new Error(`tenant ${DEMO.subdomain} vanished while its data was loading`);
  const events: PortalEvent[] = [];
  for (const r of createGenerator({ seed, tickets: ticketsForScale(scale) }).records())
    if (r.kind === 'portal_event') events.push(withSimulatorIds(r));
  await db.transaction((tx) => upsertRecords(tx, tenant.id, events));
  return {
    events: events.length,
    failed: sources.filter((s) => s.error !== null).map((s) => `${s.source}: ${s.error}`),
  };
}

export async function startDevStack(opts: DevStackOptions = { ports: { apps: 4567 } }): Promise<DevStack> {
  const log = opts.log ?? (() => undefined);
  const appDir = path.resolve(opts.appDir ?? 'dist');
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const stop of closers.reverse()) await stop().catch(() => undefined);
  };
  try {
    const buildDone = opts.build === false ? Promise.resolve(null) : buildApp({ outDir: appDir });
    const sim = await startSimulator({
      port: opts.ports?.simulator ?? 0,
      seed: opts.seed ?? 42,
      scale: opts.scale ?? 'small',
      email: DEMO.email,
      token: DEMO.token,
      subdomain: DEMO.subdomain,
    });
    closers.push(() => sim.close());
    log(`simulator   ${sim.url} (seed ${opts.seed ?? 42}, ${sim.stats.tickets} tickets)`);

    const built = await buildDone;
    if (built) log(`app build   ${appDir} (${Math.round(built.ms)} ms)`);

    let backendUrl: string | null = null;
    const installation = await loadInstallation(appDir);
    if (opts.withBackend !== false) {
      const backend = await startServer({
        port: opts.ports?.backend ?? 0,
        dataDir: opts.dataDir ?? './data',
        ingest: opts.ingest ?? true,
      });
      closers.push(() => backend.close());
      await registerDemoTenant(backend.db, sim.url, installation.settings.shared_secret ?? '');
      const loaded = await loadDemoData(backend.db, opts.seed ?? 42, opts.scale ?? 'small');
      backendUrl = backend.url;
      log(`backend     ${backend.url} (tenant ${DEMO.subdomain}, synced, ${loaded.events} portal events)`);
      // A source the ingestion worker holds (a restart on kept data) is synced by the worker instead.
      if (loaded.failed.length > 0) log(`            sync: ${loaded.failed.join('; ')}`);
    }

    const apps = await startAppsServer({ appDir, port: opts.ports?.apps ?? 4567 });
    closers.push(() => apps.close());
    log(`zcli        ${apps.url} (apps:server ${path.relative(process.cwd(), appDir) || '.'})`);

    const workbench = await startWorkbench({
      port: opts.ports?.workbench ?? 0,
      appsServerUrl: apps.url,
      appDir,
      helpdesk: { url: sim.url, authorization: basicAuthHeader(DEMO.email, DEMO.token) },
      subdomain: DEMO.subdomain,
      settingsOverrides: { backend_url: backendUrl ?? '' },
    });
    closers.push(() => workbench.close());
    return { workbenchUrl: workbench.url, simulatorUrl: sim.url, appsServerUrl: apps.url, backendUrl, close };
  } catch (err) {
    await close();
    throw err;
  }
}
