// Feature extraction for bug reports, short or pasted-log long: hashed word unigrams and bigrams of
// the title (its own family: the title is the most telling part), of the whole report, and
// character 2–5-grams within each word. Character n-grams are what survive typos ("kernle",
// "selinux-polcy") and version noise; words and bigrams carry the phrases ("kernel panic").
//
// Each family is weighted by TF-IDF and L2-normalised on its own, then scaled by its weight: with
// one norm over all, a report's hundreds of character n-grams drowned its few words (ADR 0006).
import { cleanReport } from "./clean-report.ts";
import { TermCounter } from "./term-counter.ts";

export const FAMILIES = ["title", "words", "chars"] as const;
export type Family = (typeof FAMILIES)[number];

export type FeatureSettings = {
  /** log2 of the number of hash buckets. */
  bits: number;
  charMin: number;
  charMax: number;
  /** The description is cut here (after boilerplate is removed): routing reads the first screen of a report. */
  maxChars: number;
  /** Each family's share of the vector: its L2 norm after normalisation. */
  weights: Record<Family, number>;
};

export const defaultFeatureSettings: FeatureSettings = {
  bits: 20,
  charMin: 2,
  charMax: 5,
  maxChars: 2000,
  // Measured by 5-fold cross-validation on the real-data bench's training part (ADR 0006): characters
  // weigh more than words, as typos, paths and identifiers are where real reports differ.
  weights: { title: 0.6, words: 1, chars: 1.5 },
};

/** What is read of a report. */
export type Report = { title: string; description: string };

/**
 * Term counts by bucket before weighting. `origin[i]` says which token term i came from, for reasons:
 * the token's position, or for a bigram `-(position of its second word) - 1`.
 */
export type RawFeatures = {
  index: Int32Array;
  count: Float32Array;
  family: Uint8Array;
  origin: Int32Array;
  tokens: string[];
};

/**
 * A sparse, weighted feature vector over vocabulary rows (not buckets: see vocabulary.ts), with the
 * origins of its terms as in `RawFeatures`.
 */
export type FeatureVector = { rows: Int32Array; value: Float32Array; origin: Int32Array; tokens: string[] };

/** The buckets a model knows: bucket → vocabulary row (-1 for none), and each row's idf. */
export type IdfTable = { rowOf: Int32Array; idf: Float32Array };

/** The word or bigram that term `i` of `x` came from. */
export function termWord(x: { origin: Int32Array; tokens: string[] }, i: number): string {
  const o = x.origin[i]!;
  return o >= 0 ? x.tokens[o]! : `${x.tokens[-o - 2]} ${x.tokens[-o - 1]}`;
}

/**
 * Lowercase words, digits kept: version numbers tell products apart on real trackers ("firefox 60",
 * "el9"), and two builds of one version still share most of their character n-grams.
 */
export function tokenize(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}0-9][\p{L}0-9._+-]*/gu) ?? [];
  return words.map((w) => w.replace(/[._+-]+$/, "")).filter((w) => w.length > 1 || /[a-z]/.test(w));
}

// FNV-1a, 32 bits: fast, stable across runs and platforms (the model file depends on it), and
// incremental, so the character n-grams that start at one position share their hashing.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hash(text: string, seed: number): number {
  let h = FNV_OFFSET ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** A bigram's hash from its words' hashes: no string is built for it. */
function pairHash(a: number, b: number, seed: number): number {
  let h = Math.imul(a ^ seed, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// Different seeds keep a title word, a word, a bigram and a character n-gram with the same spelling apart.
const TITLE_SEED = 5;
const WORD_SEED = 1;
const BIGRAM_SEED = 2;
const CHAR_SEED = 3;

const counter = new TermCounter();
const distinctWords = new TermCounter();

/** Counts every term of a report into its bucket (one family per bucket, by construction of the seeds). */
export function extractRaw(report: Report, settings: FeatureSettings): RawFeatures {
  const mask = (1 << settings.bits) - 1;
  counter.reset();
  const title = tokenize(report.title);
  const tokens = [...title, ...tokenize(cleanReport(report.description, settings.maxChars))];
  const hashes = tokens.map((t) => hash(t, 0));
  const addWords = (count: number, family: number, unigramSeed: number, bigramSeed: number) => {
    for (let i = 0; i < count; i++) {
      counter.add(pairHash(hashes[i]!, 0, unigramSeed) & mask, family, i);
      if (i > 0) counter.add(pairHash(hashes[i - 1]!, hashes[i]!, bigramSeed) & mask, family, -i - 1);
    }
  };
  addWords(title.length, 0, TITLE_SEED, TITLE_SEED + 1);
  addWords(tokens.length, 1, WORD_SEED, BIGRAM_SEED);
  // Each distinct word's n-grams once, counted as often as the word occurs: a long log repeats its
  // words. Words are told apart by their 31-bit hash, in a second reused counter.
  distinctWords.reset();
  for (let i = 0; i < tokens.length; i++) distinctWords.add(hashes[i]! & 0x7fffffff, 0, i);
  const { charMin, charMax } = settings;
  for (let w = 0; w < distinctWords.size; w++) {
    const position = distinctWords.origins[w]!;
    const times = distinctWords.counts[w]!;
    const word = tokens[position]!;
    // The word padded with a space each side, as " word ": its n-grams mark where it starts and ends.
    const length = word.length + 2;
    const at = (i: number) => (i === 0 || i === length - 1 ? 32 : word.charCodeAt(i - 1));
    for (let start = 0; start + charMin <= length; start++) {
      let h = FNV_OFFSET ^ CHAR_SEED;
      for (let end = start; end < start + charMax && end < length; end++) {
        h = Math.imul(h ^ at(end), FNV_PRIME);
        if (end - start + 1 >= charMin) counter.add((h >>> 0) & mask, 2, position, times);
      }
    }
  }
  return {
    index: counter.buckets.slice(0, counter.size),
    count: counter.counts.slice(0, counter.size),
    family: counter.families.slice(0, counter.size),
    origin: counter.origins.slice(0, counter.size),
    tokens,
  };
}

/**
 * TF-IDF by family: sublinear tf (a word repeated in a pasted log should not outweigh the title)
 * times the bucket's idf, each family L2-normalised and scaled by its weight. Buckets the vocabulary
 * does not know (never seen in training) are dropped, as a vocabulary drops unknown words.
 */
// 1 + ln(count) for the counts a report has; a table, as this runs for every term of every bug.
const SUBLINEAR = Float64Array.from({ length: 256 }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));
const sublinear = (count: number) => (count < 256 ? SUBLINEAR[count]! : 1 + Math.log(count));

export function weigh(raw: RawFeatures, table: IdfTable, settings: FeatureSettings): FeatureVector {
  const n = raw.index.length;
  const rows = new Int32Array(n);
  const value = new Float32Array(n);
  const origin = new Int32Array(n);
  const family = new Uint8Array(n);
  const norms = [0, 0, 0];
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const row = table.rowOf[raw.index[i]!]!;
    if (row < 0) continue;
    const v = sublinear(raw.count[i]!) * table.idf[row]!;
    rows[kept] = row;
    value[kept] = v;
    origin[kept] = raw.origin[i]!;
    family[kept] = raw.family[i]!;
    norms[raw.family[i]!]! += v * v;
    kept++;
  }
  const { weights } = settings;
  const scale = [weights.title, weights.words, weights.chars].map((w, j) =>
    norms[j]! > 0 ? w / Math.sqrt(norms[j]!) : 0,
  );
  for (let i = 0; i < kept; i++) value[i]! *= scale[family[i]!]!;
  return {
    rows: rows.subarray(0, kept),
    value: value.subarray(0, kept),
    origin: origin.subarray(0, kept),
    tokens: raw.tokens,
  };
}
