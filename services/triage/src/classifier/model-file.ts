import { z } from "zod";
import { FAMILIES } from "./features.ts";
import { METHODS, type LinearModel } from "./linear-model.ts";
import { vocabularyOf } from "./vocabulary.ts";

const FORMAT = "agora-triage-linear/2";

const ModelFile = z.object({
  format: z.literal(FORMAT, { error: `not a model of this version (${FORMAT}): train it again with agora triage train` }),
  method: z.enum(METHODS),
  labels: z.array(z.string()).min(2),
  features: z.object({
    bits: z.int().min(8).max(26),
    charMin: z.int().min(1).max(10),
    charMax: z.int().min(1).max(10),
    maxChars: z.int().min(100),
    weights: z.object(Object.fromEntries(FAMILIES.map((f) => [f, z.number().min(0)])) as Record<(typeof FAMILIES)[number], z.ZodNumber>),
  }),
  temperature: z.number().positive(),
  thresholds: z.object({ targetPrecision: z.number().min(0).max(1), global: z.number().min(0).max(1), bySig: z.record(z.string(), z.number().min(0).max(1)) }).optional(),
  bias: z.array(z.number()),
  /** Every bucket seen in training with its idf, sorted by bucket. */
  idfBuckets: z.array(z.int()),
  idf: z.array(z.number()),
  /** Sparse rows: `buckets[i]`'s weights are `weights[i*K .. i*K+K)`. */
  buckets: z.array(z.int()),
  weights: z.array(z.number()),
});
export type ModelFile = z.infer<typeof ModelFile>;

// Four significant digits: the file shrinks by half again and the tests see no prediction change.
const round = (v: number) => Number(v.toPrecision(4));

export function serializeModel(model: LinearModel): string {
  const k = model.labels.length;
  const { vocabulary } = model;
  // Sorted by bucket: the same model gives the same file, whatever order training saw the words in.
  const order = [...vocabulary.buckets.keys()].sort((a, b) => vocabulary.buckets[a]! - vocabulary.buckets[b]!);
  const buckets: number[] = [];
  const weights: number[] = [];
  for (const row of order) {
    const at = model.weightAt[row]!;
    if (at < 0) continue;
    buckets.push(vocabulary.buckets[row]!);
    for (let c = 0; c < k; c++) weights.push(round(model.weights[at + c]!));
  }
  const file: ModelFile = {
    format: FORMAT,
    method: model.method,
    labels: model.labels,
    features: model.features,
    temperature: model.temperature,
    ...(model.thresholds ? { thresholds: model.thresholds } : {}),
    bias: [...model.bias].map(round),
    idfBuckets: order.map((row) => vocabulary.buckets[row]!),
    idf: order.map((row) => round(vocabulary.idf[row]!)),
    buckets,
    weights,
  };
  return JSON.stringify(file);
}

export function parseModel(json: string): LinearModel {
  const file = ModelFile.parse(JSON.parse(json));
  const k = file.labels.length;
  if (file.weights.length !== file.buckets.length * k || file.bias.length !== k || file.idf.length !== file.idfBuckets.length) {
    throw new Error("model file: weights, bias or idf do not match the number of labels and buckets");
  }
  const vocabulary = vocabularyOf(file.idfBuckets, file.idf, file.features.bits);
  const weightAt = new Int32Array(file.idfBuckets.length).fill(-1);
  for (const [i, bucket] of file.buckets.entries()) {
    const row = bucket < vocabulary.rowOf.length ? vocabulary.rowOf[bucket]! : -1;
    if (row < 0) throw new Error(`model file: weights for bucket ${bucket}, which has no idf`);
    weightAt[row] = i * k;
  }
  return {
    method: file.method,
    labels: file.labels,
    features: file.features,
    vocabulary,
    bias: Float32Array.from(file.bias),
    weightAt,
    weights: Float32Array.from(file.weights),
    temperature: file.temperature,
    thresholds: file.thresholds,
  };
}
