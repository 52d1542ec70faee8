import type { Database } from './db/database';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { buildServer } from './app';
import { coreEngine } from './core-engine';
import { startIngestWorker } from './ingest/worker';

export interface StartServerOptions {
  port?: number;
  host?: string;
  databaseUrl?: string;
  dataDir?: string;
  /** Run the ingestion workers inside this process (default true). */
  ingest?: boolean;
  logger?: boolean;
}

export interface RunningServer {
  url: string;
  db: Database;
  close(): Promise<void>;
}

/** Opens storage, brings the schema up to date, and listens. */
export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  const db = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir });
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  const app = await buildServer({ db, logger: opts.logger ?? false, engine: coreEngine, warmDatasets: true });
  const closers: Array<() => Promise<void>> = [];

  if (opts.ingest !== false)
    closers.push(
      startIngestWorker(db, {
        onError: (tenant, err) => process.stderr.write(`ingest ${tenant}: ${err.message}\n`),
      }),
    );

  const address = await app.listen({ port: opts.port ?? 3000, host: opts.host ?? '127.0.0.1' });
  return {
    url: address,
    db,
    close: async () => {
      for (const stop of closers.reverse()) await stop();
      await app.close();
      await db.close();
    },
  };
}
