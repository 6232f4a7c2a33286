// Cross-validation of Agora's router on the TRAINING part of the real-bugs split, the way ADR 0006's
// development decisions are measured: the test part is never read. Stratified 5-fold, one run per
// fold seed; prints the accuracy by task.
//
//   node bench/triage-cv.ts '{"classWeight":"none"}'     # train() settings as JSON
//   CV_SEEDS=1,2,3,4 node bench/triage-cv.ts              # more fold draws, less noise
import { mulberry32, predict, reliability, train, type ReliabilityBin, type TrainSettings } from "@agora/triage";
import { loadRealBugs, realBugsFile, routingTasks, splitById } from "./real-bugs.ts";

/** Fold of each item: each label's members shuffled (seeded) and dealt round the folds in turn. */
export function stratifiedFolds(labels: readonly string[], folds: number, seed: number): number[] {
  const random = mulberry32(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => byLabel.set(label, [...(byLabel.get(label) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const members = byLabel.get(label) ?? [];
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    for (const m of members) fold[m] = next++ % folds;
  }
  return fold;
}

/**
 * Accuracy of `train(…, settings)` over the folds of each fold seed, by task, and the expected
 * calibration error of the top SIG's probability over the left-out bugs of every fold pooled.
 */
export function crossValidate(
  settings: Partial<TrainSettings>,
  seeds: number[],
  folds = 5,
): { task: string; accuracy: number; ece: number; bins: ReliabilityBin[] }[] {
  return routingTasks(loadRealBugs(realBugsFile())).map((task) => {
    const part = splitById(task.bugs).train;
    let right = 0;
    const judged: { predicted: string; confidence: number; right: boolean }[] = [];
    for (const seed of seeds) {
      const foldOf = stratifiedFolds(
        part.map((b) => b.label),
        folds,
        seed,
      );
      for (let f = 0; f < folds; f++) {
        const fit = part
          .filter((_, i) => foldOf[i] !== f)
          .map((b) => ({ title: b.title, description: b.description, sig: b.label }));
        const { model } = train(fit, settings);
        for (const [i, b] of part.entries()) {
          if (foldOf[i] !== f) continue;
          const top = predict(model, b, 1, 0).top[0]!;
          const ok = top.sig === b.label;
          if (ok) right++;
          judged.push({ predicted: top.sig, confidence: top.probability, right: ok });
        }
      }
    }
    const { bins, expectedCalibrationError: ece } = reliability(judged);
    return { task: task.name, accuracy: right / (part.length * seeds.length), ece, bins };
  });
}

if (import.meta.main) {
  const settings = JSON.parse(process.argv[2] ?? "{}") as Partial<TrainSettings>;
  const seeds = (process.env.CV_SEEDS ?? "1,2").split(",").map(Number);
  const results = crossValidate(settings, seeds);
  if (process.env.CV_BINS)
    for (const r of results)
      console.log(
        `${r.task}: ${r.bins
          .filter((b) => b.count > 0)
          .map(
            (b) =>
              `${b.from.toFixed(1)}–${b.to.toFixed(1)} ${b.count} bugs ${(b.meanConfidence * 100).toFixed(0)}→${((b.accuracy ?? 0) * 100).toFixed(0)} %`,
          )
          .join("; ")}`,
      );
  console.log(
    `${results.map((r) => `${r.task}: ${(r.accuracy * 100).toFixed(1)} % (ECE ${(r.ece * 100).toFixed(1)} %)`).join("; ")} (5-fold, fold seeds ${seeds.join(",")}, ${process.argv[2] ?? "defaults"})`,
  );
}
