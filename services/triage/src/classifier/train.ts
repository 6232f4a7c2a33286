import { defaultFeatureSettings, extractFeatures, type FeatureSettings } from "./features.ts";
import type { LinearModel } from "./linear-model.ts";
import { trainLinearSvm } from "./linear-svm.ts";
import { trainNaiveBayes } from "./naive-bayes.ts";
import { defaultSoftmaxOptions, trainSoftmax, type SoftmaxOptions } from "./softmax-regression.ts";
import { exampleText, type TrainingExample } from "./training-data.ts";

export type TrainInput = {
  input: TrainingExample[];
  method?: LinearModel["method"];
  features?: FeatureSettings;
  softmax?: Partial<SoftmaxOptions>;
};

/** Learns a SIG router from labelled bugs. Labels are sorted so that the same history gives the same file. */
export function train({ input, method = "softmax", features = defaultFeatureSettings, softmax }: TrainInput): LinearModel {
  const labels = [...new Set(input.map((e) => e.sig))].sort();
  if (labels.length < 2) throw new Error(`training needs bugs of at least two SIGs, got ${labels.length}`);
  const index = new Map(labels.map((l, i) => [l, i]));
  const data = input.map((e) => ({ x: extractFeatures(exampleText(e), features), y: index.get(e.sig)! }));
  const options = { ...defaultSoftmaxOptions, ...softmax };
  if (method === "naive-bayes") return trainNaiveBayes(data, labels, features);
  if (method === "linear-svm") return trainLinearSvm(data, labels, features, options);
  return trainSoftmax(data, labels, features, options);
}
