/**
 * Group commit for portal events: requests arriving while a write is in flight join the next
 * write, so many small beacons cost one transaction (and one data-version bump) instead of
 * one each. Every caller's promise settles when its events are committed.
 */
import type { PortalEvent } from '../../core/records';
import type { Database } from '../db/database';
import { upsertRecords } from '../repo/records';

interface Pending {
  byTenant: Map<string, PortalEvent[]>;
  waiters: { resolve: () => void; reject: (err: Error) => void }[];
}

export class PortalEventWriter {
  private pending: Pending | null = null;
  private writing = false;

  constructor(private readonly db: Database) {}

  add(tenantId: string, events: PortalEvent[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const p: Pending = (this.pending ??= { byTenant: new Map(), waiters: [] });
      const list = p.byTenant.get(tenantId);
      if (list) list.push(...events);
      else p.byTenant.set(tenantId, [...events]);
      p.waiters.push({ resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.pending) {
      const batch = this.pending;
      this.pending = null;
      try {
        await this.db.transaction(async (tx) => {
          for (const [tenantId, events] of batch.byTenant) await upsertRecords(tx, tenantId, events);
        });
        for (const w of batch.waiters) w.resolve();
      } catch (err) {
        for (const w of batch.waiters) w.reject(err as Error);
      }
    }
    this.writing = false;
  }
}
