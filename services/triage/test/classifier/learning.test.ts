import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/classifier/evaluate.ts";
import { defaultFeatureSettings, extractRaw, weigh } from "../../src/classifier/features.ts";
import { keywordRules, matchRules } from "../../src/classifier/keyword-rules.ts";
import { defaultSvmOptions, LinearSvmSolver } from "../../src/classifier/linear-svm.ts";
import { buildVocabulary } from "../../src/classifier/vocabulary.ts";
import { predict } from "../../src/classifier/linear-model.ts";
import { parseModel, serializeModel } from "../../src/classifier/model-file.ts";
import { syntheticReports } from "../../src/classifier/synthetic-reports.ts";
import { train } from "../../src/classifier/train.ts";
import { exampleSigs } from "./example-sigs.ts";

// SYNTHETIC reports (src/classifier/synthetic-reports.ts): these tests show the learner works, not
// how well it routes real bugs.
const sigs = exampleSigs();
const trainSet = syntheticReports(sigs, 2000, 11);
const testSet = syntheticReports(sigs, 600, 12);

describe("learned SIG router on synthetic reports", () => {
  const { model, report } = train(trainSet);

  it("is far above the keyword-rules baseline on held-out reports", () => {
    const rules = keywordRules(sigs);
    const rulesAccuracy =
      testSet.filter((e) => matchRules(rules, `${e.title}\n${e.description}`)?.sig === e.sig).length / testSet.length;
    const learned = evaluate({ model, test: testSet });
    expect(learned.accuracy).toBeGreaterThan(rulesAccuracy + 0.15);
    expect(learned.accuracy).toBeGreaterThan(0.75);
    expect(learned.top3Accuracy).toBeGreaterThan(learned.accuracy);
    // Confident answers must be more often right than answers overall, or the threshold means nothing.
    expect(learned.precisionAtThreshold!).toBeGreaterThan(learned.accuracy);
  });

  it("names the words that weighed most, taken from the report", () => {
    const text = "kernel panic on boot with call trace in dmesg after the kmod update";
    const { top, reasons } = predict(model, { title: text, description: "" });
    expect(top[0]!.sig).toBe("kernel");
    expect(top).toHaveLength(3);
    expect(top[0]!.probability).toBeGreaterThan(top[1]!.probability);
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(text).toContain(r.word.split(" ")[0]);
    expect(reasons.map((r) => r.word)).toEqual(expect.arrayContaining(["kernel"]));
  });

  it("routes a misspelt report that names nothing the community file lists, where the rules see nothing", () => {
    const text = "modprobe fails with call trce, see dmseg and the vmcore";
    expect(matchRules(keywordRules(sigs), text)).toBeUndefined();
    expect(predict(model, { title: text, description: "" }).top[0]!.sig).toBe("kernel");
  });

  it("round-trips through JSON and predicts the same", () => {
    const json = serializeModel(model);
    const loaded = parseModel(json);
    expect(loaded.labels).toEqual(model.labels);
    expect(loaded.weights.value.length).toBe(model.weights.value.length);
    for (const e of testSet.slice(0, 200)) {
      const a = predict(model, e);
      const b = predict(loaded, e);
      expect(b.top.map((t) => t.sig)).toEqual(a.top.map((t) => t.sig));
      expect(b.top[0]!.probability).toBe(a.top[0]!.probability);
    }
    expect(serializeModel(loaded)).toBe(json);
  });

  it("fits C = 1 and calibrates on every bug's out-of-fold scores", () => {
    expect(report.heldOut).toBeGreaterThanOrEqual(300);
    expect(report.selection?.name).toBe("C");
    expect(report.selection?.tried.map((t) => t.value)).toEqual([1]);
    expect(report.temperature).not.toBe(1);
    expect(model.temperature).toBe(report.temperature);
    expect(report.calibratedOn).toEqual({ bugs: trainSet.length, folds: 5 });
    expect(model.confidence).toEqual(report.confidence);
  });

  it("chooses C on its held-out slice when given several", () => {
    const searched = train(trainSet, { cs: [1, 0.3, 3] }).report.selection!;
    expect(searched.tried.map((t) => t.value)).toEqual([1, 0.3, 3]);
    expect([1, 0.3, 3]).toContain(searched.chosen);
  });

  it("calibrates without changing a decision", () => {
    const plain = train(trainSet, { calibrationFolds: 0, confidenceMap: false }).model;
    for (const e of testSet.slice(0, 200))
      expect(predict(model, e, 1, 0).top[0]!.sig).toBe(predict(plain, e, 1, 0).top[0]!.sig);
  });

  it("weighs a small SIG's reports up by default, so that its bugs do not drift to the large ones", () => {
    // A lopsided history, as real trackers' are: one SIG keeps a twentieth of its reports.
    const small = trainSet[0]!.sig;
    const lopsided = trainSet.filter((e, i) => e.sig !== small || i % 20 === 0);
    const recall = (classWeight: "balanced" | "none") => {
      const m = train(lopsided, { classWeight, heldOut: 0 }).model;
      const ours = testSet.filter((e) => e.sig === small);
      return ours.filter((e) => predict(m, e, 1, 0).top[0]!.sig === small).length / ours.length;
    };
    expect(recall("balanced")).toBeGreaterThan(recall("none") + 0.05);
  });

  it("is the same model, byte for byte, when trained again on the same history", () => {
    expect(serializeModel(train(trainSet).model)).toBe(serializeModel(model));
  });

  it("refuses a model file of the previous format with what to do", () => {
    const old = JSON.stringify({ ...JSON.parse(serializeModel(model)), format: "agora-triage-linear/1" });
    expect(() => parseModel(old)).toThrow(/train it again/);
  });

  it.each(["naive-bayes", "softmax"] as const)(
    "%s, compared in the ADR, learns too, through the same file format",
    (method) => {
      const other = parseModel(serializeModel(train(trainSet, { method }).model));
      expect(other.method).toBe(method);
      expect(evaluate({ model: other, test: testSet }).accuracy).toBeGreaterThan(0.75);
    },
  );

  it("generates the same reports for the same seed, other ones for another", () => {
    expect(syntheticReports(sigs, 50, 11)).toEqual(trainSet.slice(0, 50));
    expect(syntheticReports(sigs, 50, 99)).not.toEqual(trainSet.slice(0, 50));
  });

  it("refuses a history with a single SIG", () => {
    expect(() => train([{ title: "a", description: "", sig: "core" }])).toThrow(/two SIGs/);
  });
});

describe("the linear SVM solver", () => {
  it("takes reports out of a solution: solved again, as if never in", () => {
    const data = syntheticReports(sigs, 300, 3);
    const labels = [...new Set(data.map((e) => e.sig))].sort();
    const y = Int32Array.from(data, (e) => labels.indexOf(e.sig));
    const raws = data.map((e) => extractRaw(e, defaultFeatureSettings));
    const vocabulary = buildVocabulary(raws, defaultFeatureSettings.bits);
    const docs = raws.map((r) => weigh(r, vocabulary, defaultFeatureSettings));
    const options = { ...defaultSvmOptions, c: 1, tolerance: 0.01, passes: 200 };
    const rest = [...docs.keys()].filter((i) => i % 5 !== 0);
    const fresh = new LinearSvmSolver(docs, y, labels.length, vocabulary.buckets.length, 1);
    fresh.solve(rest, options);
    const warm = new LinearSvmSolver(docs, y, labels.length, vocabulary.buckets.length, 1);
    warm.solve([...docs.keys()], options);
    warm.drop([...docs.keys()].filter((i) => i % 5 === 0));
    warm.solve(rest, options);
    let gap = 0;
    for (let i = 0; i < fresh.weights.w.length; i++)
      gap = Math.max(gap, Math.abs(fresh.weights.w[i]! - warm.weights.w[i]!));
    expect(gap).toBeLessThan(0.02);
  });
});
