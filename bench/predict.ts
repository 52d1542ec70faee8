/**
 * Predicted CSAT at 1,000,000 tickets: text sentiment of every ticket (as prepare fills the
 * `sentiment` column), then training the model and scoring every solved ticket – the share of
 * the 5 s tenant-report budget this part costs. Also the worst case for sentiment, where every
 * text is distinct so its cache never hits, and the scorer comparison on labelled sentences.
 * Runs in a child so the generator's garbage is not charged to it.
 */
import { spawnSync } from 'node:child_process';
import type { Ticket } from '../src/core/records';
import { scoreSolvedTickets } from '../src/core/predict/csat-model';
import { ticketSentiment } from '../src/core/sentiment';
import { createGenerator } from '../src/generator';
import { compareScorers, labelledSentences } from './sentiment-compare';
import type { BenchPart, BenchResult } from './types';

interface Cost {
  cpuMs: number;
  wallMs: number;
}

interface Measured {
  tickets: number;
  solved: number;
  rated: number;
  auc: number | null;
  sentiment: Cost;
  trainAndScore: Cost;
  distinctTexts: Cost;
  /** Reading every character of every ticket's text once: the floor for any scorer, for scale. */
  readChars: Cost;
}

function timed(f: () => void): Cost {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  f();
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000, wallMs: performance.now() - w0 };
}

function measure(n: number): Measured {
  const tickets: Ticket[] = [];
  for (const r of createGenerator({ seed: 1, tickets: n }).records())
    if (r.kind === 'ticket') tickets.push(r);
  // Texts as a JSON decoder hands them over (flat strings), not the generator's concatenations.
  for (const t of tickets) {
    t.subject = JSON.parse(JSON.stringify(t.subject)) as string;
    t.description = JSON.parse(JSON.stringify(t.description)) as string;
  }
  const unique = tickets.map((t, i) => JSON.parse(JSON.stringify(`${t.description} #${i}`)) as string);
  (globalThis as { gc?: () => void }).gc?.();

  const sentiment = new Float32Array(tickets.length);
  const sentimentCost = timed(() => {
    for (let i = 0; i < tickets.length; i++) {
      const t = tickets[i] as Ticket;
      sentiment[i] = ticketSentiment(t.subject, t.description);
    }
  });
  const solvedIx = tickets.flatMap((t, i) => (t.solved_at === null ? [] : [i]));
  const solved = solvedIx.map((i) => tickets[i] as Ticket);
  const solvedSentiment = Float32Array.from(solvedIx, (i) => sentiment[i] as number);
  let model: ReturnType<typeof scoreSolvedTickets>['model'] | null = null;
  const trainAndScore = timed(() => {
    model = scoreSolvedTickets(solved, solvedSentiment).model;
  });
  const distinctTexts = timed(() => {
    for (let i = 0; i < unique.length; i++) sentiment[i] = ticketSentiment('', unique[i] as string);
  });
  let checksum = 0;
  const readChars = timed(() => {
    for (const t of tickets) {
      for (let i = 0; i < t.subject.length; i++) checksum += t.subject.charCodeAt(i);
      for (let i = 0; i < t.description.length; i++) checksum += t.description.charCodeAt(i);
    }
  });
  if (checksum === 0) throw new Error('no text was read');
  const m = model as ReturnType<typeof scoreSolvedTickets>['model'] | null;
  return {
    tickets: tickets.length,
    solved: solved.length,
    rated: solved.filter((t) => t.satisfaction === 'good' || t.satisfaction === 'bad').length,
    auc: m?.status === 'ok' ? m.auc : null,
    sentiment: sentimentCost,
    trainAndScore,
    distinctTexts,
    readChars,
  };
}

function inChild(tickets: number): Measured {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', '--expose-gc', '--import', 'tsx', __filename, '--child', String(tickets)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (r.status !== 0) throw new Error(`predict bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Measured;
}

const ms = (v: number): number => Math.round(v);

export const predictBench: BenchPart = {
  title: 'predicted CSAT and text sentiment',
  run: async () => {
    const m = inChild(1_000_000);
    const size = `${m.tickets.toLocaleString('en-US')} tickets`;
    const results: BenchResult[] = [
      { name: `sentiment of every ticket, ${size}: CPU`, value: ms(m.sentiment.cpuMs), unit: 'ms' },
      {
        name: `train on ${m.rated.toLocaleString('en-US')} rated + score ${m.solved.toLocaleString('en-US')} solved: CPU`,
        value: ms(m.trainAndScore.cpuMs),
        unit: 'ms',
      },
      {
        name: `sentiment + training + scoring, ${size}: CPU`,
        value: ms(m.sentiment.cpuMs + m.trainAndScore.cpuMs),
        unit: 'ms',
        budget: { max: 1500 },
      },
      { name: `same, wall`, value: ms(m.sentiment.wallMs + m.trainAndScore.wallMs), unit: 'ms' },
      {
        name: `sentiment, ${size} all of distinct text (no cache hit): CPU`,
        value: ms(m.distinctTexts.cpuMs),
        unit: 'ms',
      },
      {
        name: `reference: read every character of ${size} once: CPU`,
        value: ms(m.readChars.cpuMs),
        unit: 'ms',
      },
      {
        name: `predicted-CSAT held-out AUC at ${size}`,
        value: Math.round((m.auc ?? 0) * 1000) / 1000,
        unit: '',
        budget: { min: 0.75 },
      },
    ];
    for (const f of compareScorers(labelledSentences()))
      results.push(
        {
          name: `labelled support sentences, ${f.scorer}: AUC`,
          value: Math.round(f.auc * 1000) / 1000,
          unit: '',
        },
        {
          name: `labelled support sentences, ${f.scorer}: per text`,
          value: Math.round(f.microsPerText * 100) / 100,
          unit: 'µs',
        },
      );
    return results;
  },
};

if (process.argv[2] === '--child') {
  process.stdout.write(`${JSON.stringify(measure(Number(process.argv[3])))}\n`);
}
