import { Command, CommanderError } from 'commander';
import { StorageError } from '../server/db/data-dir-lock';
import { UserError } from './errors';
import { commands } from './commands';

export function buildProgram(): Command {
  const program = new Command('portal-pulse')
    .description('Portal Pulse: proves whether a customer portal works.')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
    } else if (err instanceof UserError || err instanceof StorageError) {
      process.stderr.write(`portal-pulse: ${err.message}\n`);
      process.exitCode = err instanceof UserError ? err.exitCode : 2;
    } else {
      throw err;
    }
  }
}

if (require.main === module) void main(process.argv);
