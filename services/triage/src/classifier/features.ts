// Feature extraction for short, noisy bug reports: hashed word unigrams and bigrams plus character
// 3–5-grams of each word. Character n-grams are what survive typos ("kernle", "selinux-polcy") and
// version noise; words and bigrams carry the phrases ("kernel panic", "in-place upgrade").

export type FeatureSettings = {
  /** log2 of the number of hash buckets: 18 gives 262,144, few enough collisions for a vocabulary of bug reports. */
  bits: number;
  charMin: number;
  charMax: number;
};

export const defaultFeatureSettings: FeatureSettings = { bits: 18, charMin: 3, charMax: 5 };

/** A sparse, L2-normalised feature vector; `words[i]` is the word feature i came from, for reasons. */
export type FeatureVector = { index: Int32Array; value: Float32Array; words: string[] };

/** Lowercase words; digits fold to 0 so that "5.14.0-362" and "5.14.0-427" are one token. */
export function tokenize(text: string): string[] {
  const words = text.toLowerCase().replace(/[0-9]+/g, "0").match(/[\p{L}0-9][\p{L}0-9._+-]*/gu) ?? [];
  return words.map((w) => w.replace(/[._+-]+$/, "")).filter((w) => w.length > 1 || /[a-z]/.test(w));
}

/** FNV-1a, 32 bits: fast, stable across runs and platforms (the model file depends on it). */
function hash(text: string, seed: number, start = 0, end = text.length): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Different seeds keep a word, a bigram and a character n-gram with the same spelling apart.
const WORD_SEED = 1;
const BIGRAM_SEED = 2;
const CHAR_SEED = 3;

export function extractFeatures(text: string, settings: FeatureSettings): FeatureVector {
  const mask = (1 << settings.bits) - 1;
  // One map lookup per n-gram: bucket → slot, with counts and the first word seen kept per slot.
  const slots = new Map<number, number>();
  const buckets: number[] = [];
  const counts: number[] = [];
  const origins: string[] = [];
  const add = (bucket: number, word: string) => {
    const slot = slots.get(bucket);
    if (slot !== undefined) counts[slot]! += 1;
    else {
      slots.set(bucket, buckets.length);
      buckets.push(bucket);
      counts.push(1);
      origins.push(word);
    }
  };
  const words = tokenize(text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    add(hash(word, WORD_SEED) & mask, word);
    if (i > 0) add(hash(`${words[i - 1]} ${word}`, BIGRAM_SEED) & mask, `${words[i - 1]} ${word}`);
    const padded = ` ${word} `;
    for (let n = settings.charMin; n <= settings.charMax; n++) {
      for (let s = 0; s + n <= padded.length; s++) add(hash(padded, CHAR_SEED, s, s + n) & mask, word);
    }
  }
  const size = buckets.length;
  const index = Int32Array.from(buckets);
  // Sublinear tf: a word repeated in a pasted log should not outweigh the title.
  const value = Float32Array.from(counts, (c) => 1 + Math.log(c));
  let norm = 0;
  for (const v of value) norm += v * v;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < size; j++) value[j]! *= scale;
  return { index, value, words: origins };
}
