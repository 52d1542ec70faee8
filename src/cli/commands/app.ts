import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors';
import { buildApp } from '../../appkit/build';
import { renderLogos } from '../../appkit/logos';
import { AppInvalidError, packageApp } from '../../appkit/package';
import { errorsOf, formatProblems, validateAppDir } from '../../appkit/validate';

interface BuildFlags {
  dir: string;
  build: boolean;
  backendDomain: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

async function buildIfAsked(flags: BuildFlags): Promise<string> {
  const dir = path.resolve(flags.dir);
  if (flags.build) {
    const built = await buildApp({
      outDir: dir,
      ...(flags.backendDomain.length ? { backendDomains: flags.backendDomain } : {}),
    });
    process.stdout.write(`built ${path.relative(process.cwd(), dir) || '.'} in ${Math.round(built.ms)} ms\n`);
  }
  return dir;
}

export function registerApp(program: Command): void {
  const app = program.command('app').description('Build, validate and package the Zendesk app.');

  app
    .command('validate')
    .description("Build the app and apply Zendesk's app validator checks offline.")
    .option('--dir <path>', 'app folder to check (what zcli serves and packages)', 'dist')
    .option('--no-build', 'check the folder as it is, without building first')
    .option('--backend-domain <domain>', 'add a backend domain to domainWhitelist (repeatable)', collect, [])
    .action(async (flags: BuildFlags) => {
      const dir = await buildIfAsked(flags);
      const {
        app: files,
        zip,
        problems,
      } = await validateAppDir(dir).catch((err: NodeJS.ErrnoException) => {
        throw new UserError(`cannot read the app folder ${dir}: ${err.message}`);
      });
      if (problems.length > 0) process.stdout.write(`${formatProblems(problems)}\n`);
      const errors = errorsOf(problems);
      if (errors.length > 0) throw new UserError(`${errors.length} validation error(s) in ${dir}`, 1);
      process.stdout.write(
        `No validation errors: ${files.files.size} files, ${(zip.length / 1024).toFixed(1)} KB zipped.\n`,
      );
    });

  app
    .command('package')
    .description('Build, validate and write the zip that zcli apps:package would upload.')
    .option('--dir <path>', 'app folder to package', 'dist')
    .option('--out <path>', 'folder for the zip', 'dist-package')
    .option('--no-build', 'package the folder as it is, without building first')
    .option('--backend-domain <domain>', 'add a backend domain to domainWhitelist (repeatable)', collect, [])
    .action(async (flags: BuildFlags & { out: string }) => {
      const dir = await buildIfAsked(flags);
      try {
        const result = await packageApp(dir, path.resolve(flags.out));
        if (result.problems.length > 0) process.stdout.write(`${formatProblems(result.problems)}\n`);
        process.stdout.write(
          `Package created at ${path.relative(process.cwd(), result.zipPath)} (${result.files} files, ${(result.bytes / 1024).toFixed(1)} KB)\n`,
        );
      } catch (err) {
        if (err instanceof AppInvalidError) {
          process.stdout.write(`${formatProblems(err.problems)}\n`);
          throw new UserError(`${errorsOf(err.problems).length} validation error(s): no package written`, 1);
        }
        throw err;
      }
    });

  app
    .command('logos')
    .description(
      'Render app/brand/logo.svg to assets/logo.png and assets/logo-small.png in headless Chromium.',
    )
    .option('--svg <path>', 'source SVG', 'app/brand/logo.svg')
    .option('--out <path>', 'assets folder', 'assets')
    .action(async (flags: { svg: string; out: string }) => {
      for (const file of await renderLogos(path.resolve(flags.svg), path.resolve(flags.out)))
        process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
    });
}
