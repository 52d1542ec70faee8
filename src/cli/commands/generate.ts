import type { Command } from 'commander';
import { UserError } from '../errors';
import { DEFAULT_DAYS, DEFAULT_END, ticketsForScale } from '../../generator';
import { writeDataset } from '../../generator/write-dataset';

interface GenerateFlags {
  seed: string;
  scale: string;
  out: string;
  end?: string;
  days: string;
  zendesk: boolean;
}

function parseFlags(f: GenerateFlags): { seed: number; tickets: number; end: number; days: number } {
  const seed = Number(f.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new UserError(`--seed must be an integer from 0 to 4294967295, got "${f.seed}"`);
  let tickets: number;
  try {
    tickets = ticketsForScale(f.scale);
  } catch (e) {
    throw new UserError(`--scale: ${(e as Error).message}`);
  }
  const end = f.end === undefined ? DEFAULT_END : Date.parse(f.end);
  if (Number.isNaN(end)) throw new UserError(`--end must be an ISO 8601 time, got "${f.end}"`);
  const days = Number(f.days);
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new UserError(`--days must be an integer from 1 to 3650, got "${f.days}"`);
  return { seed, tickets, end, days };
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description(
      'Write a deterministic helpdesk dataset: records.ndjson, truth.json and zendesk/ export files.',
    )
    .option('--seed <n>', 'generator seed (same seed, same bytes)', '1')
    .option(
      '--scale <scale>',
      'small (2,000 tickets) | medium (100,000) | large (1,000,000) | a ticket count',
      'small',
    )
    .requiredOption('--out <dir>', 'folder to write into (created if missing)')
    .option('--end <iso>', 'end of the data, exclusive', new Date(DEFAULT_END).toISOString())
    .option('--days <n>', 'days of history before --end', String(DEFAULT_DAYS))
    .option('--no-zendesk', 'skip the zendesk/ export files')
    .action(async (flags: GenerateFlags) => {
      const summary = await writeDataset({ ...parseFlags(flags), out: flags.out, zendesk: flags.zendesk });
      const c = summary.counts;
      console.log(
        `generated ${c.accounts} accounts, ${c.persons} persons, ${c.tickets} tickets, ${c.portal_events} portal events into ${summary.out} in ${summary.seconds.toFixed(1)} s`,
      );
    });
}
