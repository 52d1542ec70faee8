import type { Settings } from '../../core/settings';
import type { Queryable } from '../db/database';
import { getSettings } from '../repo/settings';
import { loadTenantRecords, type TenantRecords } from './load-records';

/** One tenant's data, prepared for the engine, with what it is as of. */
export interface DatasetSnapshot<P> {
  prepared: P;
  records: TenantRecords;
  settings: Settings;
  /** Data version + settings time it was built from; a report cached under it stays valid. */
  stamp: string;
  /** Epoch ms of the newest synced data, or of the last change when nothing records sync times. */
  dataAsOf: number | null;
  /** Reports computed on this snapshot, by window and segment. */
  reports: Map<string, unknown>;
}

interface Entry<P> {
  snapshot?: DatasetSnapshot<P>;
  building?: Promise<DatasetSnapshot<P>>;
  checkedAt: number;
}

interface Freshness {
  stamp: string;
  dataAsOf: number | null;
}

export type Prepare<P> = (records: TenantRecords, settings: Settings) => P;

const MAX_CACHED_REPORTS = 500;

/**
 * Keeps each tenant's prepared dataset in memory. The first request waits for the load; later
 * ones are served from memory while, if the tenant's data or settings changed (checked at most
 * every `checkIntervalMs`), a new snapshot is built in the background and swapped in when ready.
 */
export class DatasetCache<P> {
  private readonly entries = new Map<string, Entry<P>>();

  constructor(
    private readonly db: Queryable,
    private readonly prepare: Prepare<P>,
    private readonly opts: { checkIntervalMs?: number; onError?: (err: unknown) => void } = {},
  ) {}

  async get(tenantId: string): Promise<DatasetSnapshot<P>> {
    let entry = this.entries.get(tenantId);
    if (!entry) {
      entry = { checkedAt: Date.now() };
      this.entries.set(tenantId, entry);
    }
    if (!entry.snapshot) return this.build(tenantId, entry, await this.freshness(tenantId));
    const interval = this.opts.checkIntervalMs ?? 1000;
    if (!entry.building && Date.now() - entry.checkedAt >= interval) {
      entry.checkedAt = Date.now();
      const fresh = await this.freshness(tenantId);
      if (fresh.stamp !== entry.snapshot.stamp) {
        this.build(tenantId, entry, fresh).catch((err: unknown) => this.opts.onError?.(err));
      }
    }
    return entry.snapshot;
  }

  /** Waits for a snapshot of the current data (tests, and after a settings change). */
  async refresh(tenantId: string): Promise<DatasetSnapshot<P>> {
    const entry = this.entries.get(tenantId) ?? { checkedAt: 0 };
    this.entries.set(tenantId, entry);
    if (entry.building) await entry.building.catch(() => undefined);
    const fresh = await this.freshness(tenantId);
    if (entry.snapshot?.stamp === fresh.stamp) return entry.snapshot;
    return this.build(tenantId, entry, fresh);
  }

  /** Memoizes one report per snapshot: a new snapshot starts with an empty memo. */
  static memo<P, R>(snapshot: DatasetSnapshot<P>, key: string, compute: () => R): R {
    if (snapshot.reports.has(key)) return snapshot.reports.get(key) as R;
    const value = compute();
    if (snapshot.reports.size >= MAX_CACHED_REPORTS) {
      const oldest = snapshot.reports.keys().next().value;
      if (oldest !== undefined) snapshot.reports.delete(oldest);
    }
    snapshot.reports.set(key, value);
    return value;
  }

  private build(tenantId: string, entry: Entry<P>, fresh: Freshness): Promise<DatasetSnapshot<P>> {
    if (entry.building) return entry.building;
    const building = (async () => {
      const [records, settings] = [
        await loadTenantRecords(this.db, tenantId),
        await getSettings(this.db, tenantId),
      ];
      const snapshot: DatasetSnapshot<P> = {
        prepared: this.prepare(records, settings),
        records,
        settings,
        stamp: fresh.stamp,
        dataAsOf: fresh.dataAsOf,
        reports: new Map(),
      };
      entry.snapshot = snapshot;
      return snapshot;
    })();
    entry.building = building;
    void building.then(
      () => {
        if (entry.building === building) entry.building = undefined;
      },
      () => {
        if (entry.building === building) entry.building = undefined;
      },
    );
    return building;
  }

  private async freshness(tenantId: string): Promise<Freshness> {
    const { rows } = await this.db.query<{
      version: number | null;
      settings_at: number | null;
      as_of: number | null;
    }>(
      `SELECT
         (SELECT version::float8 FROM data_versions WHERE tenant_id = $1) AS version,
         (SELECT (extract(epoch FROM updated_at) * 1000)::float8 FROM settings WHERE tenant_id = $1) AS settings_at,
         COALESCE(
           (SELECT (extract(epoch FROM max(data_as_of)) * 1000)::float8 FROM sync_status WHERE tenant_id = $1),
           (SELECT (extract(epoch FROM changed_at) * 1000)::float8 FROM data_versions WHERE tenant_id = $1)
         ) AS as_of`,
      [tenantId],
    );
    const r = rows[0];
    return { stamp: `${r?.version ?? 0}:${r?.settings_at ?? 0}`, dataAsOf: r?.as_of ?? null };
  }
}
