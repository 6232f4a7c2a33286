import { Buffer } from "node:buffer";
import { endianness } from "node:os";
import { z } from "zod";
import { FAMILIES } from "./features.ts";
import { METHODS, type LinearModel } from "./linear-model.ts";
import { vocabularyOf } from "./vocabulary.ts";

const FORMAT = "agora-triage-linear/2";

const ModelFile = z.object({
  format: z.literal(FORMAT, {
    error: `not a model of this version (${FORMAT}): train it again with agora triage train`,
  }),
  method: z.enum(METHODS),
  labels: z.array(z.string()).min(2),
  features: z.object({
    bits: z.int().min(8).max(26),
    charMin: z.int().min(1).max(10),
    charMax: z.int().min(1).max(10),
    maxChars: z.int().min(100),
    weights: z.object(
      Object.fromEntries(FAMILIES.map((f) => [f, z.number().min(0)])) as Record<(typeof FAMILIES)[number], z.ZodNumber>,
    ),
  }),
  temperature: z.number().positive(),
  confidence: z.object({ slope: z.number().positive(), intercept: z.number() }).optional(),
  thresholds: z
    .object({
      targetPrecision: z.number().min(0).max(1),
      global: z.number().min(0).max(1),
      bySig: z.record(z.string(), z.number().min(0).max(1)),
    })
    .optional(),
  bias: z.array(z.number()),
  /**
   * Binary arrays, little-endian, in base64: every bucket seen in training (Int32, ascending) with
   * its idf (Float32); per bucket the number of its weights (Uint16), then each weight's SIG (Uint16)
   * and value (Float32). As numbers in JSON the same model was four times the size.
   */
  vocabulary: z.object({ buckets: z.base64(), idf: z.base64() }),
  weights: z.object({ counts: z.base64(), labels: z.base64(), values: z.base64() }),
});
export type ModelFile = z.infer<typeof ModelFile>;

function encode(array: Int32Array | Float32Array | Uint16Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64");
}

function decode<T>(text: string, Type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }, what: string): T {
  const bytes = Buffer.from(text, "base64");
  if (bytes.byteLength % Type.BYTES_PER_ELEMENT !== 0)
    throw new Error(`model file: ${what} is not a whole number of values`);
  return new Type(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

export function serializeModel(model: LinearModel): string {
  if (endianness() !== "LE") throw new Error("model files are little-endian; this machine is not");
  const { vocabulary, weights } = model;
  // Sorted by bucket: the same model gives the same file, whatever order training saw the words in.
  const order = [...vocabulary.buckets.keys()].sort((a, b) => vocabulary.buckets[a]! - vocabulary.buckets[b]!);
  const counts = Uint16Array.from(order, (r) => weights.rowStart[r + 1]! - weights.rowStart[r]!);
  const labels = new Uint16Array(weights.label.length);
  const values = new Float32Array(weights.value.length);
  let at = 0;
  for (const r of order) {
    for (let j = weights.rowStart[r]!; j < weights.rowStart[r + 1]!; j++, at++) {
      labels[at] = weights.label[j]!;
      values[at] = weights.value[j]!;
    }
  }
  const file: ModelFile = {
    format: FORMAT,
    method: model.method,
    labels: model.labels,
    features: model.features,
    temperature: model.temperature,
    ...(model.confidence ? { confidence: model.confidence } : {}),
    ...(model.thresholds ? { thresholds: model.thresholds } : {}),
    bias: [...model.bias],
    vocabulary: {
      buckets: encode(Int32Array.from(order, (r) => vocabulary.buckets[r]!)),
      idf: encode(Float32Array.from(order, (r) => vocabulary.idf[r]!)),
    },
    weights: { counts: encode(counts), labels: encode(labels), values: encode(values) },
  };
  return JSON.stringify(file);
}

export function parseModel(json: string): LinearModel {
  if (endianness() !== "LE") throw new Error("model files are little-endian; this machine is not");
  const file = ModelFile.parse(JSON.parse(json));
  const k = file.labels.length;
  const buckets = decode(file.vocabulary.buckets, Int32Array, "vocabulary.buckets");
  const idf = decode(file.vocabulary.idf, Float32Array, "vocabulary.idf");
  const counts = decode(file.weights.counts, Uint16Array, "weights.counts");
  const label = decode(file.weights.labels, Uint16Array, "weights.labels");
  const value = decode(file.weights.values, Float32Array, "weights.values");
  const problem =
    file.bias.length !== k
      ? "bias does not have one value per label"
      : idf.length !== buckets.length || counts.length !== buckets.length
        ? "the vocabulary's arrays differ in length"
        : buckets.some((b, i) => b < 0 || b >= 2 ** file.features.bits || (i > 0 && b <= buckets[i - 1]!))
          ? "buckets are not ascending within the hash size"
          : counts.reduce((sum, c) => sum + c, 0) !== label.length || value.length !== label.length
            ? "the weights' arrays do not add up"
            : label.some((l) => l >= k)
              ? "a weight names a label that does not exist"
              : undefined;
  if (problem) throw new Error(`model file: ${problem}`);
  const rowStart = new Int32Array(buckets.length + 1);
  for (let r = 0; r < buckets.length; r++) rowStart[r + 1] = rowStart[r]! + counts[r]!;
  return {
    method: file.method,
    labels: file.labels,
    features: file.features,
    vocabulary: vocabularyOf(buckets, idf, file.features.bits),
    bias: Float32Array.from(file.bias),
    weights: { rowStart, label, value },
    temperature: file.temperature,
    confidence: file.confidence,
    thresholds: file.thresholds,
  };
}
