import { defaultFeatureSettings, FAMILIES, type Family } from "../classifier/features.ts";
import { METHODS, type Method } from "../classifier/linear-model.ts";
import { CLASS_WEIGHTS, type ClassWeight } from "../classifier/linear-svm.ts";
import { defaultTrainSettings, type TrainSettings } from "../classifier/train.ts";

const isFamily = (name: string): name is Family => (FAMILIES as readonly string[]).includes(name);

/** The model settings `triage train` and `triage eval` share, so an operator can rerun ADR 0006's comparison. */
export const modelOptions = {
  method: { type: "string", default: defaultTrainSettings.method },
  c: { type: "string", default: defaultTrainSettings.cs.join(",") },
  "class-weight": { type: "string", default: defaultTrainSettings.classWeight },
  epochs: { type: "string", default: String(defaultTrainSettings.epochs) },
  "learning-rate": { type: "string", default: String(defaultTrainSettings.learningRate) },
  l2: { type: "string", default: String(defaultTrainSettings.l2) },
  "held-out": { type: "string", default: String(defaultTrainSettings.heldOut) },
  "target-precision": { type: "string" },
  bits: { type: "string", default: String(defaultFeatureSettings.bits) },
  "max-chars": { type: "string", default: String(defaultFeatureSettings.maxChars) },
  chars: { type: "string", default: `${defaultFeatureSettings.charMin}-${defaultFeatureSettings.charMax}` },
  weights: { type: "string", default: FAMILIES.map((f) => `${f}=${defaultFeatureSettings.weights[f]}`).join(",") },
} as const;

export const modelUsage =
  `[--method ${METHODS.join("|")}] [--c 1] [--class-weight balanced|none] [--epochs N] [--learning-rate R] [--l2 L] [--held-out 0.2] ` +
  `[--target-precision P] [--bits 20] [--max-chars 2000] [--chars 2-5] [--weights title=0.6,words=1,chars=1.5]`;

/** What each option means, for `--help`. */
export const modelOptionHelp = [
  `--method            ${METHODS.join(", ")} (default ${defaultTrainSettings.method})`,
  `--c                 linear SVM: C, or C values to try on the held-out slice, comma-separated (default ${defaultTrainSettings.cs.join(",")})`,
  `--class-weight      linear SVM: ${CLASS_WEIGHTS.join(" or ")}; balanced weighs a SIG's own reports by n / (SIGs × its reports)`,
  "--epochs            softmax: the most passes (the held-out slice picks the best)",
  "--learning-rate     softmax: AdaGrad's step size",
  "--l2                softmax: L2 penalty",
  "--held-out          share of the training bugs held out to pick C or epochs and fit the calibration; 0 for none",
  "--target-precision  store the acting thresholds (global and per SIG) that reach this precision on the held-out slice",
  "--bits              log2 of the feature hash buckets",
  "--max-chars         characters of a description read (after boilerplate is removed)",
  "--chars             character n-gram lengths, as MIN-MAX",
  "--weights           each feature family's weight: title words, all words and bigrams, character n-grams",
];

type Values = { [K in keyof typeof modelOptions]?: string | undefined };

/** The settings, or a problem that names the option and says what it must be. */
export function parseModelOptions(values: Values): Partial<TrainSettings> | string {
  const number = (name: keyof Values, min: number, max: number, integer = false): number | string => {
    const raw = values[name] ?? "";
    const v = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      return `--${name} must be ${integer ? "a whole number" : "a number"} from ${min} to ${max}, not ${raw}`;
    }
    return v;
  };
  const method = values.method ?? defaultTrainSettings.method;
  if (!(METHODS as readonly string[]).includes(method)) return `--method must be ${METHODS.join(", ")}, not ${method}`;
  const cs = (values.c ?? "").split(",").map((c) => Number(c.trim()));
  if (cs.length === 0 || cs.some((c) => !Number.isFinite(c) || c <= 0))
    return `--c must be positive numbers separated by commas, not ${values.c}`;
  const classWeight = values["class-weight"] ?? defaultTrainSettings.classWeight;
  if (!(CLASS_WEIGHTS as readonly string[]).includes(classWeight))
    return `--class-weight must be ${CLASS_WEIGHTS.join(" or ")}, not ${classWeight}`;
  const chars = /^(\d+)-(\d+)$/.exec(values.chars ?? "");
  const [charMin, charMax] = chars ? [Number(chars[1]), Number(chars[2])] : [0, 0];
  if (!chars || charMin < 1 || charMax < charMin || charMax > 10)
    return `--chars must be MIN-MAX with 1 ≤ MIN ≤ MAX ≤ 10, not ${values.chars}`;
  const weights = { ...defaultFeatureSettings.weights };
  for (const part of (values.weights ?? "").split(",")) {
    const [family = "", weight] = part.split("=");
    const name = family.trim();
    if (!isFamily(name) || !(Number(weight) >= 0)) {
      return `--weights must be family=weight pairs of ${FAMILIES.join(", ")} with weights ≥ 0, not ${values.weights}`;
    }
    weights[name] = Number(weight);
  }
  const fields = {
    epochs: number("epochs", 1, 1000, true),
    learningRate: number("learning-rate", 1e-6, 100),
    l2: number("l2", 0, 10),
    heldOut: number("held-out", 0, 0.5),
    bits: number("bits", 8, 26, true),
    maxChars: number("max-chars", 100, 1_000_000, true),
    targetPrecision: values["target-precision"] === undefined ? undefined : number("target-precision", 0.01, 1),
  };
  for (const v of Object.values(fields)) if (typeof v === "string") return v;
  const n = fields as { [K in keyof typeof fields]: number };
  return {
    method: method as Method,
    cs,
    classWeight: classWeight as ClassWeight,
    epochs: n.epochs,
    learningRate: n.learningRate,
    l2: n.l2,
    heldOut: n.heldOut,
    targetPrecision: fields.targetPrecision as number | undefined,
    features: { bits: n.bits, charMin, charMax, maxChars: n.maxChars, weights },
  };
}
