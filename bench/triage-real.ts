import { spawn } from "node:child_process";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  metrics,
  predict,
  reliability,
  thresholdFor,
  train,
  type Metrics,
  type ReliabilityBin,
  type Scored,
} from "@agora/triage";
import { pairedBootstrap, type Interval } from "./bootstrap.ts";
import { timePerItem } from "./time-per-item.ts";
import { loadRealBugs, realBugsFile, routingTasks, splitById, type LabelledBug } from "./real-bugs.ts";
import { ensureScikitLearnInstalled, SCIKIT_LEARN_VERSION } from "./sklearn-install.ts";

const BASELINE_SCRIPT = fileURLToPath(new URL("./triage-svc-baseline.py", import.meta.url));
/** The C values GridSearchCV tries on the training part (5-fold, stratified). */
export const SVC_CS = [0.03, 0.1, 0.3, 1, 3, 10];

export type RealFigure = {
  variant: string;
  metrics: Metrics;
  right: boolean[];
  trainSeconds: number;
  msPerBug: number;
  note: string;
};
/** Agora's confidence on the test part: reliability, and acting alone at 0.6 and at the thresholds for the target precision. */
export type Confidence = {
  bins: ReliabilityBin[];
  ece: number;
  atDefault: Metrics;
  atTarget: Metrics;
  target: number;
  thresholds: string;
};
export type RealCase = {
  task: string;
  classes: number;
  train: number;
  test: number;
  agora: RealFigure;
  svc: RealFigure;
  confidence: Confidence;
};

/** The precision `train` is asked to reach on its held-out slice; the test part shows what it reached. */
export const TARGET_PRECISION = 0.9;

const pct = (v: number) => (v * 100).toFixed(1);
/** The baseline reads one text: the title twice (the most telling part) and the description. */
const baselineText = (b: { title: string; description: string }) => `${b.title}\n${b.title}\n${b.description}`;
const scoredRight = (s: Scored) => s.ranked[0] === s.truth;

function runAgora(
  trainSet: LabelledBug[],
  testSet: LabelledBug[],
  seconds: number,
): { figure: RealFigure; confidence: Confidence } {
  const started = performance.now();
  const { model } = train(
    trainSet.map((b) => ({ title: b.title, description: b.description, sig: b.label })),
    { targetPrecision: TARGET_PRECISION },
  );
  const trainSeconds = (performance.now() - started) / 1000;
  const scored = testSet.map((b): Scored => {
    const { top } = predict(model, b, 3, 0);
    return { truth: b.label, ranked: top.map((t) => t.sig), confidence: top[0]!.probability };
  });
  const msPerBug = timePerItem(seconds, testSet, (bug) => predict(model, bug)).msPerItem;
  const judged = scored.map((s) => ({
    predicted: s.ranked[0]!,
    confidence: s.confidence,
    right: s.ranked[0] === s.truth,
  }));
  const calibration = reliability(judged);
  const t = model.thresholds!;
  const confidence: Confidence = {
    bins: calibration.bins,
    ece: calibration.expectedCalibrationError,
    atDefault: metrics(scored, 0.6),
    atTarget: metrics(
      scored.map((s) => ({ ...s, threshold: thresholdFor(model, s.ranked[0]!, 0.6) })),
      t.global,
    ),
    target: t.targetPrecision,
    thresholds: `global ${t.global}${
      Object.keys(t.bySig).length
        ? `, ${Object.entries(t.bySig)
            .map(([sig, v]) => `${sig} ${v}`)
            .join(", ")}`
        : ""
    }`,
  };
  const figure = {
    variant: `Agora (${model.method})`,
    metrics: metrics(scored, 0.6),
    right: scored.map(scoredRight),
    trainSeconds,
    msPerBug,
    note: "",
  };
  return { figure, confidence };
}

type SvcOutput = {
  top3: string[][];
  bestC: number;
  cvAccuracy: number[];
  searchSeconds: number;
  refitSeconds: number;
  msPerBug: number;
  batchMsPerBug: number;
};

async function runSvc(
  python: string,
  trainSet: LabelledBug[],
  testSet: LabelledBug[],
  cs: number[],
): Promise<RealFigure> {
  const job = {
    train: trainSet.map((b) => ({ text: baselineText(b), label: b.label })),
    test: testSet.map(baselineText),
    cs,
    seed: 1,
  };
  const out = JSON.parse(await runPython(python, BASELINE_SCRIPT, JSON.stringify(job))) as SvcOutput;
  const scored = testSet.map((b, i): Scored => ({ truth: b.label, ranked: out.top3[i]!, confidence: 0 }));
  return {
    variant: "LinearSVC (sklearn)",
    metrics: metrics(scored, 0.6),
    right: scored.map(scoredRight),
    // The refit on the whole training part with the chosen C; the search over C is in the note.
    trainSeconds: out.refitSeconds,
    msPerBug: out.msPerBug,
    note:
      (cs.length > 1
        ? `C=${out.bestC} by 5-fold CV (accuracy ${cs.map((c, i) => `${c}: ${pct(out.cvAccuracy[i]!)}`).join(", ")}; search ${out.searchSeconds.toFixed(1)} s); `
        : `C=${out.bestC}; `) + `${out.batchMsPerBug.toFixed(3)} ms/bug in one batch`,
  };
}

function runPython(python: string, script: string, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [script], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${script} failed (${signal ?? code}):\n${stderr.slice(-4000)}`)),
    );
    child.stdin.end(input);
  });
}

/** Agora's classifier and the scikit-learn baseline on the same 80/20 split of real Mozilla bugs, per task. */
export async function triageRealBenchmark({ seconds = 1 }: { seconds?: number } = {}): Promise<RealCase[]> {
  const python = await ensureScikitLearnInstalled();
  const cases: RealCase[] = [];
  for (const task of routingTasks(loadRealBugs(realBugsFile()))) {
    const { train: trainSet, test: testSet } = splitById(task.bugs);
    cases.push({
      task: task.name,
      classes: new Set(task.bugs.map((b) => b.label)).size,
      train: trainSet.length,
      test: testSet.length,
      ...(({ figure, confidence }) => ({ agora: figure, confidence }))(runAgora(trainSet, testSet, seconds)),
      svc: await runSvc(python, trainSet, testSet, SVC_CS),
    });
  }
  return cases;
}

const ci = (i: Interval) => `[${pct(i.low)}, ${pct(i.high)}]`;
const points = (v: number) => `${v >= 0 ? "+" : ""}${(v * 100).toFixed(1)}`;

export async function printTriageRealBenchmark(options: { seconds?: number } = {}): Promise<void> {
  console.log(
    `\nTriage: routing of REAL bugs (${relative(process.cwd(), realBugsFile())}; 80/20 split by a hash of the bug id; title twice + first comment; scikit-learn ${SCIKIT_LEARN_VERSION} TF-IDF words 1–2 + chars 2–5, LinearSVC, as the baseline; 95 % CI by a paired bootstrap over test bugs, 10,000 resamples, seed 1)\n`,
  );
  const cases = await triageRealBenchmark(options);
  const header = `${"task".padEnd(24)} ${"variant".padEnd(22)} ${"acc %".padStart(6)} ${"95 % CI".padStart(14)} ${"top3 %".padStart(7)} ${"mF1 %".padStart(6)} ${"train s".padStart(8)} ${"ms/bug".padStart(8)}`;
  console.log(header);
  const notes: string[] = [];
  for (const c of cases) {
    const boot = pairedBootstrap(c.agora.right, c.svc.right);
    const row = (f: RealFigure, interval: Interval, label: string) =>
      console.log(
        `${label.padEnd(24)} ${f.variant.padEnd(22)} ${pct(f.metrics.accuracy).padStart(6)} ${ci(interval).padStart(14)} ${pct(f.metrics.top3Accuracy).padStart(7)} ${pct(f.metrics.macroF1).padStart(6)} ${f.trainSeconds.toFixed(2).padStart(8)} ${f.msPerBug.toFixed(3).padStart(8)}`,
      );
    row(c.agora, boot.a, c.task);
    row(c.svc, boot.b, `  ${c.classes} classes, ${c.train}/${c.test}`);
    const a = c.agora.metrics;
    const s = c.svc.metrics;
    console.log(
      `${"".padEnd(24)} ${"Agora − SVC (points)".padEnd(22)} ${points(a.accuracy - s.accuracy).padStart(6)} ${`[${points(boot.difference.low)}, ${points(boot.difference.high)}]`.padStart(14)} ${points(a.top3Accuracy - s.top3Accuracy).padStart(7)} ${points(a.macroF1 - s.macroF1).padStart(6)}`,
    );
    notes.push(`${c.task}: LinearSVC ${c.svc.note}`);
  }
  console.log(
    "\ntrain s: Agora's train(); LinearSVC's refit on the training part with the C chosen, the search apart.",
  );
  console.log(
    "ms/bug: one bug at a time (Agora with top 3 and reasons, as routing runs it; sklearn one decision_function call each).",
  );
  for (const note of notes) console.log(note);
  for (const c of cases) printConfidence(c);
  await printTrainingSpeed(options.seconds ?? 1);
}

function printConfidence(c: RealCase): void {
  const k = c.confidence;
  const acting = (m: Metrics) =>
    `acts alone on ${pct(m.coverage)} %, right on ${m.precisionAtThreshold === null ? "-" : pct(m.precisionAtThreshold)} %`;
  console.log(
    `\n${c.task}: Agora's calibrated confidence on the ${c.test} test bugs (temperature and confidence map fitted on the training part's out-of-fold scores)`,
  );
  console.log("confidence   bugs  mean conf.  accuracy");
  for (const b of k.bins) {
    if (b.count === 0) continue;
    console.log(
      `${b.from.toFixed(1)}–${b.to.toFixed(1)} ${String(b.count).padStart(8)} ${pct(b.meanConfidence).padStart(10)} % ${b.accuracy === null ? "" : `${pct(b.accuracy).padStart(7)} %`}`,
    );
  }
  console.log(`expected calibration error ${pct(k.ece)} %`);
  console.log(
    `threshold 0.6: ${acting(k.atDefault)}; --target-precision ${k.target} (${k.thresholds}): ${acting(k.atTarget)}`,
  );
}

/** The speed case: 5 copies of the real reports (titles marked, so no two are equal), trained and classified. */
async function printTrainingSpeed(seconds: number): Promise<void> {
  const bugs = routingTasks(loadRealBugs(realBugsFile()))[0]!.bugs;
  const copies = Math.max(1, Math.ceil(5000 / bugs.length));
  const many = Array.from({ length: copies }, (_, r) =>
    bugs.map((b) => ({ ...b, title: `${b.title} (copy ${r})` })),
  ).flat();
  const started = performance.now();
  const { model, report } = train(many.map((b) => ({ title: b.title, description: b.description, sig: b.label })));
  const trainSeconds = (performance.now() - started) / 1000;
  const sample = bugs.slice(0, 500);
  const bare = timePerItem(seconds, sample, (bug) => predict(model, bug, 1, 0)).msPerItem;
  const explained = timePerItem(seconds, sample, (bug) => predict(model, bug)).msPerItem;
  const python = await ensureScikitLearnInstalled();
  const svc = await runSvc(python, many, sample, [1]);
  console.log(
    `\nTraining and classifying speed: ${many.length.toLocaleString("en")} real-length reports (${copies} copies of the ${bugs.length} by product), one C (1) for the baseline`,
  );
  console.log(`${"variant".padEnd(34)} ${"train s".padStart(8)} ${"ms/bug".padStart(8)} ${"× sklearn".padStart(10)}`);
  console.log(
    `${"Agora train() (C, calibration, fit)".padEnd(34)} ${trainSeconds.toFixed(2).padStart(8)} ${"".padStart(8)} ${(trainSeconds / svc.trainSeconds).toFixed(2).padStart(10)}`,
  );
  console.log(
    `${"Agora classify (top SIG)".padEnd(34)} ${"".padStart(8)} ${bare.toFixed(3).padStart(8)} ${(bare / svc.msPerBug).toFixed(2).padStart(10)}`,
  );
  console.log(
    `${"Agora classify (top 3, reasons)".padEnd(34)} ${"".padStart(8)} ${explained.toFixed(3).padStart(8)} ${(explained / svc.msPerBug).toFixed(2).padStart(10)}`,
  );
  console.log(
    `${"sklearn TF-IDF + LinearSVC fit".padEnd(34)} ${svc.trainSeconds.toFixed(2).padStart(8)} ${svc.msPerBug.toFixed(3).padStart(8)} ${"1.00".padStart(10)}`,
  );
  console.log(
    `(Agora's C: ${report.selection?.tried.map((t) => `C=${t.value}`).join(", ")} on ${report.heldOut} held-out, then the fit on all)`,
  );
}

if (import.meta.main) {
  await printTriageRealBenchmark({ seconds: Number(process.env.BENCH_TRIAGE_REAL_SECONDS ?? 1) });
}
