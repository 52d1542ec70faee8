import type { Command } from 'commander';
import { UserError } from '../errors';
import { startServer } from '../../server';
import { describeStorage, storageFromEnv } from '../../server/storage-options';

interface ServeFlags {
  port: string;
  host: string;
  ingest: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'Run the backend: HTTP API, webhooks, portal events and ingestion (DATA_DIR or DATABASE_URL).',
    )
    .option('--port <port>', 'port to listen on', process.env.PORT ?? '3000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--no-ingest', 'do not run the ingestion workers in this process')
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UserError(`--port must be an integer from 0 to 65535, got "${flags.port}"`);
      }
      const storage = storageFromEnv();
      const server = await startServer({
        ...storage,
        port,
        host: flags.host,
        ingest: flags.ingest,
        logger: true,
      });
      process.stderr.write(`portal-pulse: serving ${server.url} (storage: ${describeStorage(storage)})\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });
}
