import type { Settings } from '../../core/settings';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { getSettings } from '../repo/settings';
import { loadTenantRecords, type TenantRecords } from './load-records';

/** One tenant's data, prepared for the engine, with what it is as of. */
export interface DatasetSnapshot<P> {
  prepared: P;
  records: TenantRecords;
  settings: Settings;
  /** Data version + settings time it was built from; a report cached under it stays valid. */
  stamp: string;
  /** The data version its records were loaded at. */
  version: number;
  /** Epoch ms of the newest synced data, or of the last change when nothing records sync times. */
  dataAsOf: number | null;
  /** Reports computed on this snapshot, by window and segment. */
  reports: Map<string, unknown>;
}

interface Entry<P> {
  snapshot?: DatasetSnapshot<P>;
  building?: Promise<DatasetSnapshot<P>>;
  checkedAt: number;
  /** When the last build finished, and how long it took. */
  builtAt: number;
  buildMs: number;
}

interface Freshness {
  stamp: string;
  /** The data part of the stamp: unchanged means the stored records are still current. */
  version: number;
  dataAsOf: number | null;
}

export type Prepare<P> = (records: TenantRecords, settings: Settings) => P;

const MAX_CACHED_REPORTS = 500;

/**
 * A background rebuild waits at least this many times the last build's duration after it: a
 * tenant whose build takes a minute (a million tickets) while beacons change its data every second
 * is rebuilt every few minutes, using a fifth of a core, not all of one forever.
 */
const REBUILD_PAUSE_FACTOR = 4;

/**
 * How long a request waits for a tenant's first load before it is answered 503 with Retry-After:
 * below the 15 s after which Zendesk's proxy gives up, so the app hears "loading" rather than a
 * timeout. The load goes on; a later request finds it done.
 */
const FIRST_LOAD_WAIT_MS = 10_000;

/**
 * Keeps each tenant's prepared dataset in memory. The first request waits for the load (at most
 * FIRST_LOAD_WAIT_MS, then a 503 while the load goes on); later ones are served from memory
 * while, if the tenant's data or settings changed (checked at most every `checkIntervalMs`, and
 * no sooner than REBUILD_PAUSE_FACTOR build durations after the last build), a new snapshot is
 * built in the background and swapped in when ready. A change of settings alone re-prepares the
 * records already loaded.
 */
export class DatasetCache<P> {
  private readonly entries = new Map<string, Entry<P>>();

  constructor(
    private readonly db: Database,
    private readonly prepare: Prepare<P>,
    private readonly opts: {
      checkIntervalMs?: number;
      onError?: (err: unknown) => void;
      /** The clock (tests). */
      now?: () => number;
      /** See FIRST_LOAD_WAIT_MS (tests shorten it). */
      firstLoadWaitMs?: number;
    } = {},
  ) {}

  async get(tenantId: string): Promise<DatasetSnapshot<P>> {
    const entry = this.entryOf(tenantId);
    if (!entry.snapshot) return this.firstLoad(this.build(tenantId, entry, await this.freshness(tenantId)));
    const interval = this.opts.checkIntervalMs ?? 1000;
    const now = this.now();
    if (
      !entry.building &&
      now - entry.checkedAt >= interval &&
      now - entry.builtAt >= REBUILD_PAUSE_FACTOR * entry.buildMs
    ) {
      entry.checkedAt = now;
      const fresh = await this.freshness(tenantId);
      if (fresh.stamp !== entry.snapshot.stamp) {
        this.build(tenantId, entry, fresh).catch((err: unknown) => this.opts.onError?.(err));
      }
    }
    return entry.snapshot;
  }

  /**
   * Loads the tenants' datasets one after another, so that the first request after a start does
   * not wait for (or time out on) a large tenant's load. Failures go to `onError`.
   */
  async warm(tenantIds: readonly string[]): Promise<void> {
    for (const id of tenantIds) {
      const entry = this.entryOf(id);
      if (entry.snapshot) continue;
      // The build itself, not get(): a large tenant outlasts a request's wait, and the next
      // tenant should not start loading beside it.
      await this.freshness(id)
        .then((fresh) => this.build(id, entry, fresh))
        .catch((err: unknown) => this.opts.onError?.(err));
    }
  }

  /** Waits for a snapshot of the current data (tests, and after a settings change). */
  async refresh(tenantId: string): Promise<DatasetSnapshot<P>> {
    const entry = this.entryOf(tenantId);
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

  /** The first snapshot, or a 503 "still loading" once FIRST_LOAD_WAIT_MS have passed. */
  private async firstLoad(building: Promise<DatasetSnapshot<P>>): Promise<DatasetSnapshot<P>> {
    const waitMs = this.opts.firstLoadWaitMs ?? FIRST_LOAD_WAIT_MS;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new HttpError(
              503,
              'warming_up',
              "this account's data is still loading after the backend started; try again shortly",
              undefined,
              Math.max(5, Math.ceil(waitMs / 1000)),
            ),
          ),
        waitMs,
      );
    });
    try {
      return await Promise.race([building, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private entryOf(tenantId: string): Entry<P> {
    let entry = this.entries.get(tenantId);
    if (!entry) {
      entry = { checkedAt: this.now(), builtAt: 0, buildMs: 0 };
      this.entries.set(tenantId, entry);
    }
    return entry;
  }

  private build(tenantId: string, entry: Entry<P>, fresh: Freshness): Promise<DatasetSnapshot<P>> {
    if (entry.building) return entry.building;
    const previous = entry.snapshot;
    const building = (async () => {
      const started = this.now();
      const sameData = previous !== undefined && previous.version === fresh.version;
      const records = sameData ? previous.records : await loadTenantRecords(this.db, tenantId);
      const settings = await getSettings(this.db, tenantId);
      const snapshot: DatasetSnapshot<P> = {
        prepared: this.prepare(records, settings),
        records,
        settings,
        stamp: fresh.stamp,
        version: fresh.version,
        dataAsOf: fresh.dataAsOf,
        reports: new Map(),
      };
      entry.snapshot = snapshot;
      entry.builtAt = this.now();
      entry.buildMs = entry.builtAt - started;
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
    const version = r?.version ?? 0;
    return { stamp: `${version}:${r?.settings_at ?? 0}`, version, dataAsOf: r?.as_of ?? null };
  }
}
