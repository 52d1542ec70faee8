import type { Command } from 'commander';
import { UserError } from '../errors';
import { startDevStack } from '../../workbench/stack';

interface DevFlags {
  seed: string;
  scale: string;
  backend: boolean;
  dataDir: string;
  build: boolean;
  appsPort: string;
  workbenchPort: string;
  simulatorPort: string;
  backendPort: string;
}

function port(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UserError(`--${name} must be a port from 0 to 65535, got "${value}"`);
  return n;
}

export function registerDev(program: Command): void {
  program
    .command('dev')
    .description('Start the local stack: simulator, backend, app build, zcli apps:server and the workbench.')
    .option('--seed <n>', 'simulator seed', '42')
    .option('--scale <scale>', 'simulator scale: small, medium, large or a ticket count', 'small')
    .option('--no-backend', 'run without the backend (the app in live mode)')
    .option('--data-dir <path>', 'backend storage (PGlite folder)', './data')
    .option('--no-build', 'serve dist/ as it is, without building')
    .option('--apps-port <port>', 'zcli apps:server port', '4567')
    .option('--workbench-port <port>', 'workbench port', '4568')
    .option('--simulator-port <port>', 'simulator port (stable, so the backend tenant stays valid)', '4580')
    .option('--backend-port <port>', 'backend port', '3030')
    .action(async (flags: DevFlags) => {
      const seed = Number(flags.seed);
      if (!Number.isInteger(seed)) throw new UserError(`--seed must be an integer, got "${flags.seed}"`);
      const stack = await startDevStack({
        seed,
        scale: flags.scale,
        withBackend: flags.backend,
        dataDir: flags.dataDir,
        build: flags.build,
        ports: {
          apps: port('apps-port', flags.appsPort),
          workbench: port('workbench-port', flags.workbenchPort),
          simulator: port('simulator-port', flags.simulatorPort),
          backend: port('backend-port', flags.backendPort),
        },
        log: (line) => process.stdout.write(`${line}\n`),
      }).catch((err: Error) => {
        throw new UserError(`the local stack did not start: ${err.message}`);
      });
      process.stdout.write(`\nWorkbench: ${stack.workbenchUrl}\n(Ctrl-C stops everything)\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      process.stdout.write('stopping…\n');
      await stack.close();
    });
}
