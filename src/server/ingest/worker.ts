/**
 * The in-server ingestion loop: every interval, one sync pass per tenant, one tenant at a
 * time. Leases in sync_state keep two servers on one database from fetching the same pages.
 */
import { hostname } from 'node:os';
import type { Database } from '../db/database';
import { listTenants } from '../repo/tenants';
import { syncTenantBySubdomain } from './tenant-sync';

export interface IngestWorkerOptions {
  /** Pause between passes; default 60 s (incremental exports allow 10 requests a minute). */
  intervalMs?: number;
  /** Lease owner id; default `serve@host:pid`. */
  owner?: string;
  onError?: (subdomain: string, err: Error) => void;
}

export function startIngestWorker(db: Database, opts: IngestWorkerOptions = {}): () => Promise<void> {
  const interval = opts.intervalMs ?? 60_000;
  const owner = opts.owner ?? `serve@${hostname()}:${process.pid}`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function pass(): Promise<void> {
    for (const t of await listTenants(db)) {
      if (stopped) return;
      // Per-source errors are recorded in sync_status by the pass itself.
      await syncTenantBySubdomain(db, t.subdomain, { owner }).catch((err: Error) =>
        opts.onError?.(t.subdomain, err),
      );
    }
  }

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass()
        .catch((err: Error) => opts.onError?.('*', err))
        .finally(schedule);
    }, interval);
  };
  running = pass()
    .catch((err: Error) => opts.onError?.('*', err))
    .finally(schedule);

  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
