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
function hash(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
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
  const counts = new Map<number, number>();
  const origin = new Map<number, string>();
  const add = (bucket: number, word: string) => {
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    if (!origin.has(bucket)) origin.set(bucket, word);
  };
  const words = tokenize(text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    add(hash(word, WORD_SEED) & mask, word);
    if (i > 0) add(hash(`${words[i - 1]} ${word}`, BIGRAM_SEED) & mask, `${words[i - 1]} ${word}`);
    const padded = ` ${word} `;
    for (let n = settings.charMin; n <= settings.charMax; n++) {
      for (let s = 0; s + n <= padded.length; s++) add(hash(padded.slice(s, s + n), CHAR_SEED) & mask, word);
    }
  }
  const size = counts.size;
  const index = new Int32Array(size);
  const value = new Float32Array(size);
  const origins: string[] = new Array(size);
  let norm = 0;
  let i = 0;
  for (const [bucket, count] of counts) {
    // Sublinear tf: a word repeated in a pasted log should not outweigh the title.
    const v = 1 + Math.log(count);
    index[i] = bucket;
    value[i] = v;
    origins[i] = origin.get(bucket)!;
    norm += v * v;
    i++;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < size; j++) value[j]! *= scale;
  return { index, value, words: origins };
}
