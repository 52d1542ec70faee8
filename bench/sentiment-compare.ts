/**
 * The sentiment scorers compared on hand-labelled support sentences
 * (tests/core/fixtures/support-sentiment.tsv): how well each separates satisfied from
 * dissatisfied text (ROC AUC, and accuracy of the sign, 0 counting as wrong) and what one text
 * costs. Figures for docs/sentiment.md.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Sentiment from 'sentiment';
import { auc } from '../src/core/predict/auc';
import { sentimentScore } from '../src/core/sentiment';

export interface Labelled {
  positive: boolean;
  text: string;
}

export function labelledSentences(): Labelled[] {
  const file = join(__dirname, '../tests/core/fixtures/support-sentiment.tsv');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [label, text] = line.split('\t');
      if ((label !== 'pos' && label !== 'neg') || !text) throw new Error(`${file}: bad line "${line}"`);
      return { positive: label === 'pos', text };
    });
}

type Scorer = (text: string) => number;

const vader = createRequire(__filename)('vader-sentiment') as {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
};
const pkg = new Sentiment();

export const SCORERS: Record<string, Scorer> = {
  'ours (AFINN-165, own tokenizer)': sentimentScore,
  '`sentiment` package analyze()': (text) => Math.tanh(pkg.analyze(text).comparative),
  'VADER (`vader-sentiment`) compound': (text) =>
    vader.SentimentIntensityAnalyzer.polarity_scores(text).compound,
};

export interface ScorerFigures {
  scorer: string;
  auc: number;
  accuracy: number;
  /** Texts scored as exactly 0 (no lexicon word). */
  neutral: number;
  microsPerText: number;
}

export function compareScorers(set: Labelled[]): ScorerFigures[] {
  return Object.entries(SCORERS).map(([scorer, score]) => {
    const scores = set.map((s) => score(s.text));
    const right = set.filter((s, i) => (s.positive ? scores[i]! > 0 : scores[i]! < 0)).length;
    // Distinct texts, so that our cache cannot help: each is scanned once per round.
    const rounds = 40;
    // Flat strings, as a JSON decoder hands them over.
    const texts = Array.from({ length: rounds }, (_, r) =>
      set.map((s) => JSON.parse(JSON.stringify(`${s.text} #${r}`)) as string),
    ).flat();
    const c0 = process.cpuUsage();
    for (const t of texts) score(t);
    const c = process.cpuUsage(c0);
    return {
      scorer,
      auc: auc(
        scores,
        set.map((s) => s.positive),
      ) as number,
      accuracy: right / set.length,
      neutral: scores.filter((s) => s === 0).length,
      microsPerText: (c.user + c.system) / texts.length,
    };
  });
}

if (require.main === module) {
  const set = labelledSentences();
  console.log(`${set.length} sentences, ${set.filter((s) => s.positive).length} positive`);
  for (const f of compareScorers(set))
    console.log(
      `| ${f.scorer} | ${f.auc.toFixed(3)} | ${(f.accuracy * 100).toFixed(1)} % | ${f.neutral} | ${f.microsPerText.toFixed(2)} µs |`,
    );
}
