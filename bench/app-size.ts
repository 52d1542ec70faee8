/**
 * JavaScript each app location loads, gzipped (issue 5), against the budgets of issues 6 and 7:
 * a sidebar ≤ 150 KB, the nav bar ≤ 300 KB. Runs the production webpack build (the config
 * `npm run build` uses) into a temp folder, so a dist/ others are serving is left alone, and
 * reads what a location loads from webpack's chunk graph: the entry's chunks, then every lazy
 * chunk group reachable from the entry without passing through another location's group –
 * the most one frame of that location can download (all locales and live mode included).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import webpack from 'webpack';
import type { Compilation } from 'webpack';
import { appWebpackConfig } from '../webpack.config';
import type { BenchPart, BenchResult } from './types';

type ChunkGroup = Compilation['chunkGroups'][number];

/** Manifest locations, each loaded as the lazy chunk group named after it, with its budget in KB gzipped. */
const LOCATIONS: readonly { name: string; budgetKb: number }[] = [
  { name: 'ticket_sidebar', budgetKb: 150 },
  { name: 'organization_sidebar', budgetKb: 150 },
  { name: 'nav_bar', budgetKb: 300 },
];
const ENTRY = 'main';
const KB = 1024;

function build(outDir: string): Promise<Compilation> {
  const compiler = webpack(appWebpackConfig({ mode: 'production', outDir }));
  return new Promise((resolve, reject) =>
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) reject(err);
      else if (!stats || stats.hasErrors())
        reject(new Error(`webpack build failed: ${stats?.toString('errors-only') ?? 'no stats'}`));
      else resolve(stats.compilation);
    }),
  );
}

/**
 * Where a lazy group is imported from. An import() with a template path makes one context
 * module whose groups (one per file it can resolve to) differ only in a synthetic name, so
 * they share a site and are alternatives: a frame loads the ones its arguments pick.
 */
const importSite = (g: ChunkGroup): string =>
  g.origins
    .map((o) => `${o.module?.identifier() ?? ''}@${o.loc && 'start' in o.loc ? JSON.stringify(o.loc) : ''}`)
    .join('|');

interface Reach {
  /** Every JS file a frame can load. */
  files: Set<string>;
  /** Files of groups that are one of several alternatives of one import() (e.g. one locale of four). */
  alternatives: Set<string>;
  /** Per import() site with alternatives, the files of each alternative. */
  choices: Map<string, Set<string>[]>;
}

/** JS files of `start` and every group reachable from it through lazy imports, skipping `barred` groups. */
function reach(start: ChunkGroup, barred: ReadonlySet<ChunkGroup>): Reach {
  const seen = new Set<ChunkGroup>();
  const stack = [start];
  for (let g = stack.pop(); g !== undefined; g = stack.pop()) {
    if (seen.has(g) || barred.has(g)) continue;
    seen.add(g);
    stack.push(...g.getChildren());
  }
  const sites = new Map<string, number>();
  for (const g of seen) if (g !== start) sites.set(importSite(g), (sites.get(importSite(g)) ?? 0) + 1);
  const files = new Set<string>();
  const alternatives = new Set<string>();
  const choices = new Map<string, Set<string>[]>();
  for (const g of seen) {
    const isAlternative = g !== start && (sites.get(importSite(g)) ?? 0) > 1;
    const own = new Set<string>();
    for (const chunk of g.chunks)
      for (const f of chunk.files) {
        if (!f.endsWith('.js')) continue;
        files.add(f);
        if (isAlternative) {
          alternatives.add(f);
          own.add(f);
        }
      }
    if (isAlternative) choices.set(importSite(g), [...(choices.get(importSite(g)) ?? []), own]);
  }
  return { files, alternatives, choices };
}

/** Per location, what a frame of it can load: the entry and all lazy groups but other locations'. */
function locationReach(compilation: Compilation, locations: readonly string[]): Map<string, Reach> {
  const entry = compilation.entrypoints.get(ENTRY);
  if (!entry) throw new Error(`the build has no "${ENTRY}" entry point`);
  const groups = new Map<string, ChunkGroup>();
  for (const name of locations) {
    const g = compilation.namedChunkGroups.get(name);
    if (!g) throw new Error(`the build has no lazy chunk group named "${name}"`);
    groups.set(name, g);
  }
  const out = new Map<string, Reach>();
  for (const name of locations) {
    const others = new Set([...groups].filter(([n]) => n !== name).map(([, g]) => g));
    out.set(name, reach(entry, others));
  }
  return out;
}

const gzippedKb = (dir: string, files: Iterable<string>): number =>
  [...files].reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0) / KB;

export const appSizeBench: BenchPart = {
  title: 'app size',
  run: async () => {
    const out = mkdtempSync(join(tmpdir(), 'pulse-bench-app-'));
    try {
      const compilation = await build(out);
      const reached = locationReach(
        compilation,
        LOCATIONS.map((l) => l.name),
      );
      const kb = (files: Set<string>) => Math.round(gzippedKb(out, files) * 10) / 10;
      return LOCATIONS.flatMap((l): BenchResult[] => {
        const r = reached.get(l.name) as Reach;
        // The most one frame loads: everything but the alternatives, plus the largest of each choice.
        const common = [...r.files].filter((f) => !r.alternatives.has(f));
        const largest = [...r.choices.values()].map((options) => Math.max(...options.map((o) => kb(o))));
        const most = Math.round((kb(new Set(common)) + largest.reduce((a, b) => a + b, 0)) * 10) / 10;
        return [
          {
            name: `${l.name} JavaScript, gzipped: the most one frame loads (entry, lazy chunks, the largest locale)`,
            value: most,
            unit: 'KB',
            budget: { max: l.budgetKb },
          },
          {
            name: `${l.name} JavaScript, gzipped: entry + every lazy chunk it can load (all locales)`,
            value: kb(r.files),
            unit: 'KB',
          },
          {
            name: `${l.name} JavaScript, gzipped: of which alternatives of one import() (locales), a frame loads some`,
            value: kb(r.alternatives),
            unit: 'KB',
          },
        ];
      });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
};
