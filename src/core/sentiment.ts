import Sentiment from 'sentiment';

const analyzer = new Sentiment();

/**
 * Sentiment of a text in [-1, 1] (negative … positive), 0 for empty or neutral text.
 * AFINN's comparative score (sum of word valences / words) is squashed so a few strong words
 * do not saturate it.
 */
export function sentimentScore(text: string): number {
  if (text.trim() === '') return 0;
  const { comparative } = analyzer.analyze(text);
  return Math.tanh(comparative);
}
