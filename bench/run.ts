import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchPart, BenchResult } from './types';
import { parts } from './parts';

function verdict(r: BenchResult): string {
  if (!r.budget) return '';
  const ok =
    (r.budget.max === undefined || r.value <= r.budget.max) &&
    (r.budget.min === undefined || r.value >= r.budget.min);
  const limit = r.budget.max !== undefined ? `≤ ${r.budget.max}` : `≥ ${r.budget.min}`;
  return `${ok ? 'PASS' : 'FAIL'} (budget ${limit} ${r.unit})`;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const selected: BenchPart[] = only.length
    ? parts.filter((p) => only.some((o) => p.title.includes(o)))
    : parts;
  const all: (BenchResult & { part: string })[] = [];
  for (const part of selected) {
    process.stdout.write(`\n## ${part.title}\n`);
    for (const r of await part.run()) {
      all.push({ ...r, part: part.title });
      process.stdout.write(`- ${r.name}: ${r.value.toLocaleString('en-US')} ${r.unit} ${verdict(r)}\n`);
    }
  }
  // A run of some parts keeps the figures of the others, so results.json always holds every part.
  const file = path.join(__dirname, 'results.json');
  const ran = new Set(selected.map((p) => p.title));
  const kept = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as (BenchResult & { part: string })[]).filter(
        (r) => !ran.has(r.part),
      )
    : [];
  writeFileSync(file, JSON.stringify([...kept, ...all], null, 2) + '\n');
}

void main();
