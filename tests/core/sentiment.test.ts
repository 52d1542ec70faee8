import fc from 'fast-check';
import Sentiment from 'sentiment';
import { compareScorers, labelledSentences } from '../../bench/sentiment-compare';
import { sentimentScore, ticketSentiment } from '../../src/core/sentiment';

const pkg = new Sentiment();
/** The `sentiment` package's own score, squashed as ours is. */
const packageScore = (text: string): number => Math.tanh(pkg.analyze(text).comparative);

describe('sentimentScore', () => {
  it('is the AFINN valence per word, squashed with tanh', () => {
    // great = +3 over three words.
    expect(sentimentScore('This is great')).toBeCloseTo(Math.tanh(3 / 3), 12);
    // terrible −3, useless −2 over four words; punctuation only separates.
    expect(sentimentScore('Terrible... and USELESS, again!')).toBeCloseTo(Math.tanh(-5 / 4), 12);
    expect(sentimentScore('Thanks, the self-confident n00b')).toBeCloseTo(Math.tanh((2 + 2 - 2) / 4), 12);
  });

  it('reverses a word after a negator', () => {
    expect(sentimentScore('not good')).toBeCloseTo(Math.tanh(-3 / 2), 12);
    expect(sentimentScore("it isn't bad")).toBeCloseTo(Math.tanh(3 / 3), 12);
    // Only the word right after the negator turns.
    expect(sentimentScore('not really good')).toBeCloseTo(Math.tanh(3 / 3), 12);
  });

  it('reads non-ASCII words case-insensitively too, and emoji', () => {
    expect(sentimentScore('NAÏVE')).toBeCloseTo(Math.tanh(-2), 12);
    // 😂 +1, 😭 −1 in the package's emoji list.
    expect(sentimentScore('ok 😂 😭 😭')).toBeCloseTo(Math.tanh(-1 / 4), 12);
  });

  it('is 0 for empty, separator-only and neutral text', () => {
    expect(sentimentScore('')).toBe(0);
    expect(sentimentScore(' .,!?\n ')).toBe(0);
    expect(sentimentScore('Invoice 12345 for the API key')).toBe(0);
  });

  it('equals the sentiment package on any text of words, digits, punctuation and spaces', () => {
    const piece = fc.constantFrom(
      'good',
      'Bad',
      'NOT',
      "don't",
      'love',
      'hate',
      'broken',
      'self-confident',
      'thanks',
      'crash',
      'x1',
      'naïve',
      '😂',
      '😭',
      'Ünïcode',
      ' ',
      '  ',
      '\n',
      '.',
      ',',
      '!',
      '?',
      '(',
      ')',
      '"',
      "'",
      '-',
      '42',
      'a',
      "can't",
      'isnt',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(sentimentScore(text)).toBeCloseTo(packageScore(text), 12);
      }),
      { numRuns: 500 },
    );
  });

  it('scores subject and description as their join with a space, negation included', () => {
    expect(ticketSentiment('Still not', 'good at all')).toBeCloseTo(
      sentimentScore('Still not good at all'),
      12,
    );
    const text = fc.stringMatching(/^[a-zA-Z' .!]{0,40}$/);
    fc.assert(
      fc.property(fc.tuple(text, text), ([subject, description]) => {
        expect(ticketSentiment(subject, description)).toBeCloseTo(
          sentimentScore(`${subject} ${description}`),
          12,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('scores texts too long to cache like short ones', () => {
    const long = 'Not good, really bad. Thanks for nothing! '.repeat(80);
    expect(long.length).toBeGreaterThan(3000);
    expect(sentimentScore(long)).toBeCloseTo(packageScore(long), 12);
    expect(ticketSentiment(long, 'not good')).toBeCloseTo(packageScore(`${long} not good`), 12);
  });

  it('returns the same score for a text however often it is asked', () => {
    const text = 'Awful experience again. Your product is broken and useless today.';
    const first = sentimentScore(text);
    for (let i = 0; i < 3; i++) expect(sentimentScore(text)).toBe(first);
  });

  it('separates the hand-labelled support sentences as well as the package, and better than chance by far', () => {
    const set = labelledSentences();
    expect(set.length).toBeGreaterThanOrEqual(200);
    for (const { text } of set) expect(sentimentScore(text)).toBeCloseTo(packageScore(text), 12);
    const [ours, pkgFigures, vader] = compareScorers(set);
    expect(ours!.auc).toBeGreaterThan(0.95);
    expect(ours!.auc).toBeCloseTo(pkgFigures!.auc, 12);
    expect(vader!.auc).toBeGreaterThan(0.9);
  });
});
