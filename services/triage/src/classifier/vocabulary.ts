import type { IdfTable, RawFeatures } from "./features.ts";

/**
 * The buckets seen in training, each with a row number and its idf. The learners' weights are
 * (rows × SIGs) rather than (2^bits buckets × SIGs), and a report's features are looked up by typed
 * array: a `Map` of a few hundred thousand buckets cost most of a bug's classification time.
 */
export type Vocabulary = IdfTable & { buckets: Int32Array };

/** Smooth idf, as scikit-learn's: ln((1 + n) / (1 + df)) + 1, so a term in every report still counts a little. */
export function buildVocabulary(raws: readonly RawFeatures[], bits: number): Vocabulary {
  const rowOf = new Int32Array(1 << bits).fill(-1);
  const buckets: number[] = [];
  const df: number[] = [];
  for (const raw of raws) {
    for (const bucket of raw.index) {
      const row = rowOf[bucket]!;
      if (row < 0) {
        rowOf[bucket] = buckets.length;
        buckets.push(bucket);
        df.push(1);
      } else df[row]! += 1;
    }
  }
  const n = raws.length;
  const idf = Float32Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
  return { rowOf, idf, buckets: Int32Array.from(buckets) };
}

/** The table of a model file: `buckets[i]` has idf `idf[i]` and row i. */
export function vocabularyOf(buckets: Int32Array, idf: Float32Array, bits: number): Vocabulary {
  const rowOf = new Int32Array(1 << bits).fill(-1);
  buckets.forEach((b, i) => (rowOf[b] = i));
  return { rowOf, idf, buckets };
}
