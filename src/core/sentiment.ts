/**
 * Text sentiment with the AFINN-165 lexicon and the negation rule of the `sentiment` package,
 * whose word list we reuse, but with our own tokenizer: `analyze()` builds several arrays and
 * regex copies per text, which at a million tickets costs seconds. This scanner reads the text
 * once, hashes each lower-cased word as it goes and allocates nothing for ASCII text.
 * See docs/sentiment.md for how it compares with the package itself and with VADER.
 */
import emoji from 'sentiment/build/emoji.json';
import labels from 'sentiment/languages/en/labels.json';
import negators from 'sentiment/languages/en/negators.json';

const words: string[] = [];
const valence: number[] = [];
const negator: boolean[] = [];
/**
 * Open addressing over FNV-1a hashes of the words: a slot holds entry index + 1 and the word's
 * full hash, so a probe rejects other words without reading them. Mostly empty, so that most
 * words of a text (not in the lexicon) miss on the first probe.
 */
const SLOTS = 1 << 15;
const table = new Int32Array(SLOTS);
const slotHash = new Int32Array(SLOTS);
/** Words with non-ASCII letters are looked up by string (lower-casing them may change their length). */
const byString = new Map<string, number>();

function fnv(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h;
}

function addWord(word: string, score: number, isNegator: boolean): void {
  let e = byString.get(word);
  if (e === undefined) {
    e = words.length;
    words.push(word);
    valence.push(0);
    negator.push(false);
    byString.set(word, e);
    const h = fnv(word);
    let s = h & (SLOTS - 1);
    while (table[s] !== 0) s = (s + 1) & (SLOTS - 1);
    table[s] = e + 1;
    slotHash[s] = h;
  }
  if (isNegator) negator[e] = true;
  else valence[e] = score;
}

// Entries with a space can never match a single token, exactly as in the `sentiment` package.
// The package scores emoji too (from the Emoji Sentiment Ranking, on the same −5 … +5 scale).
for (const [word, score] of [...Object.entries(labels), ...Object.entries(emoji)] as [string, number][])
  if (!word.includes(' ')) addWord(word, score, false);
for (const word of Object.keys(negators as Record<string, number>)) addWord(word, 0, true);

/**
 * Lower-cased code of each ASCII character, 0 for a separator: white space and the `sentiment`
 * package's . , / # ! ? $ % ^ & * ; : { } = _ ` " ~ ( ). The package keeps a lone tab or CR inside
 * a token; here ASCII white space always separates words.
 */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII[c] = c >= 65 && c <= 90 ? c + 32 : c;
for (const ch of '.,/#!?$%^&*;:{}=_`"~() \t\n\r\v\f\0') ASCII[ch.charCodeAt(0)] = 0;

/** Entry index of the lower-cased text[from, to), or -1. */
function lookup(text: string, from: number, to: number, hash: number, ascii: boolean): number {
  if (!ascii) return byString.get(text.slice(from, to).toLowerCase()) ?? -1;
  const len = to - from;
  let s = hash & (SLOTS - 1);
  for (let e = table[s] as number; e !== 0; s = (s + 1) & (SLOTS - 1), e = table[s] as number) {
    if (slotHash[s] !== hash) continue;
    const w = words[e - 1] as string;
    if (w.length !== len) continue;
    let k = 0;
    while (k < len && w.charCodeAt(k) === ASCII[text.charCodeAt(from + k)]) k++;
    if (k === len) return e - 1;
  }
  return -1;
}

/*
 * What the last text looked at contributes to a longer one: valence sum, token count, the valence
 * its first token scored (a negator ending the text before flips it) and whether it ends on a
 * negator. Module state rather than a result object, so that scoring allocates nothing.
 */
let score = 0;
let tokens = 0;
let first = 0;
let endsNegated = false;

function scan(text: string): void {
  const n = text.length;
  let negated = false;
  score = 0;
  tokens = 0;
  first = 0;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c < 128 && ASCII[c] === 0) {
      i++;
      continue;
    }
    const from = i;
    let h = 0x811c9dc5;
    let ascii = true;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c < 128) {
        const m = ASCII[c] as number;
        if (m === 0) break;
        h = Math.imul(h ^ m, 0x01000193);
      } else ascii = false;
    }
    const e = lookup(text, from, i, h, ascii);
    if (e < 0) negated = false;
    else {
      const v = valence[e] as number;
      if (tokens === 0) first = v;
      score += negated ? -v : v;
      negated = negator[e] as boolean;
    }
    tokens++;
  }
  endsNegated = negated;
}

/*
 * Ticket texts repeat (web-form subjects, macros, templates), so each distinct text is scanned
 * once. Entries are the four facts packed in a small integer (no allocation per entry); texts
 * too long to pack are rarely repeated and are not cached. A full cache starts afresh, which
 * bounds its memory whatever the tenant.
 */
const CACHE_LIMIT = 1 << 19;
const CACHEABLE_LENGTH = 2046;
const cache = new Map<string, number>();

function load(text: string): void {
  const packed = cache.get(text);
  if (packed !== undefined) {
    endsNegated = (packed & 1) === 1;
    first = ((packed >>> 1) & 15) - 8;
    tokens = (packed >>> 5) & 1023;
    score = (packed >>> 15) - 8192;
    return;
  }
  scan(text);
  if (text.length > CACHEABLE_LENGTH) return;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, (((score + 8192) * 1024 + tokens) * 16 + first + 8) * 2 + (endsNegated ? 1 : 0));
}

const squash = (sum: number, count: number): number => (count === 0 ? 0 : Math.tanh(sum / count));

/**
 * Sentiment of a text in [-1, 1] (negative … positive), 0 for empty or neutral text: the
 * AFINN-165 valence sum per word (the `sentiment` package's `comparative`, a word after a
 * negator such as "not" counting reversed), squashed with tanh so a few strong words do not
 * saturate it.
 */
export function sentimentScore(text: string): number {
  load(text);
  return squash(score, tokens);
}

/** `sentimentScore(subject + ' ' + description)` without building the joined string. */
export function ticketSentiment(subject: string, description: string): number {
  load(subject);
  const subjectScore = score;
  const subjectTokens = tokens;
  const negatesNext = endsNegated;
  load(description);
  return squash(subjectScore + score - (negatesNext ? 2 * first : 0), subjectTokens + tokens);
}
