/** Where the server keeps its data: DATABASE_URL (PostgreSQL) wins over DATA_DIR (PGlite, default ./data). */
export interface StorageOptions {
  databaseUrl?: string;
  dataDir?: string;
}

export function storageFromEnv(env: NodeJS.ProcessEnv = process.env): StorageOptions {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: env.DATA_DIR || './data' };
}

/** For messages: names the storage without credentials. */
export function describeStorage(s: StorageOptions): string {
  if (s.databaseUrl) {
    try {
      const u = new URL(s.databaseUrl);
      return `PostgreSQL at ${u.host}${u.pathname}`;
    } catch {
      return 'PostgreSQL (DATABASE_URL)';
    }
  }
  return `PGlite in ${s.dataDir ?? './data'}`;
}
