import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { exampleText, metrics, predict, train, type Metrics, type Scored } from "@agora/triage";
import { pairedBootstrap, type Interval } from "./bootstrap.ts";
import { loadRealBugs, routingTasks, splitById, type LabelledBug } from "./real-bugs.ts";
import { ensureScikitLearnInstalled, SCIKIT_LEARN_VERSION } from "./sklearn-install.ts";

const BASELINE_SCRIPT = fileURLToPath(new URL("./triage-svc-baseline.py", import.meta.url));
/** The C values GridSearchCV tries on the training part (5-fold, stratified). */
export const SVC_CS = [0.03, 0.1, 0.3, 1, 3, 10];

export type RealFigure = { variant: string; metrics: Metrics; right: boolean[]; trainSeconds: number; msPerBug: number; note: string };
export type RealCase = { task: string; classes: number; train: number; test: number; agora: RealFigure; svc: RealFigure };

const pct = (v: number) => (v * 100).toFixed(1);
const scoredRight = (s: Scored) => s.ranked[0] === s.truth;

function runAgora(trainSet: LabelledBug[], testSet: LabelledBug[], seconds: number): RealFigure {
  const started = performance.now();
  const model = train({ input: trainSet.map((b) => ({ title: b.title, description: b.description, sig: b.label })) });
  const trainSeconds = (performance.now() - started) / 1000;
  const texts = testSet.map(exampleText);
  const scored = testSet.map((b, i): Scored => {
    const { top } = predict(model, texts[i]!, 3, 0);
    return { truth: b.label, ranked: top.map((t) => t.sig), confidence: top[0]!.probability };
  });
  // Timed as routing a bug runs it: features, scores, top 3 and reasons, one bug at a time.
  let n = 0;
  const timed = performance.now();
  while (performance.now() - timed < seconds * 1000) {
    for (const text of texts) predict(model, text);
    n += texts.length;
  }
  const msPerBug = (performance.now() - timed) / n;
  return { variant: "Agora (softmax)", metrics: metrics(scored, 0.6), right: scored.map(scoredRight), trainSeconds, msPerBug, note: "" };
}

type SvcOutput = { top3: string[][]; bestC: number; cvAccuracy: number[]; searchSeconds: number; refitSeconds: number; msPerBug: number; batchMsPerBug: number };

async function runSvc(python: string, trainSet: LabelledBug[], testSet: LabelledBug[]): Promise<RealFigure> {
  const job = { train: trainSet.map((b) => ({ text: exampleText(b), label: b.label })), test: testSet.map(exampleText), cs: SVC_CS, seed: 1 };
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
      `C=${out.bestC} by 5-fold CV (accuracy ${SVC_CS.map((c, i) => `${c}: ${pct(out.cvAccuracy[i]!)}`).join(", ")}; ` +
      `search ${out.searchSeconds.toFixed(1)} s); ${out.batchMsPerBug.toFixed(3)} ms/bug in one batch`,
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
    child.on("exit", (code, signal) => (code === 0 ? resolve(stdout) : reject(new Error(`${script} failed (${signal ?? code}):\n${stderr.slice(-4000)}`))));
    child.stdin.end(input);
  });
}

/** Agora's classifier and the scikit-learn baseline on the same 80/20 split of real Mozilla bugs, per task. */
export async function triageRealBenchmark({ seconds = 1 }: { seconds?: number } = {}): Promise<RealCase[]> {
  const python = await ensureScikitLearnInstalled();
  const cases: RealCase[] = [];
  for (const task of routingTasks(loadRealBugs())) {
    const { train: trainSet, test: testSet } = splitById(task.bugs);
    cases.push({
      task: task.name,
      classes: new Set(task.bugs.map((b) => b.label)).size,
      train: trainSet.length,
      test: testSet.length,
      agora: runAgora(trainSet, testSet, seconds),
      svc: await runSvc(python, trainSet, testSet),
    });
  }
  return cases;
}

const ci = (i: Interval) => `[${pct(i.low)}, ${pct(i.high)}]`;
const points = (v: number) => `${v >= 0 ? "+" : ""}${(v * 100).toFixed(1)}`;

export async function printTriageRealBenchmark(options: { seconds?: number } = {}): Promise<void> {
  console.log(
    `\nTriage: routing of REAL Mozilla bugs (bench/datasets/mozilla-bugs-2018.jsonl; 80/20 split by a hash of the bug id; title twice + first comment; scikit-learn ${SCIKIT_LEARN_VERSION} TF-IDF words 1–2 + chars 2–5, LinearSVC, as the baseline; 95 % CI by a paired bootstrap over test bugs, 10,000 resamples, seed 1)\n`,
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
  console.log("\ntrain s: Agora's train(); LinearSVC's refit on the training part with the C chosen, the search apart.");
  console.log("ms/bug: one bug at a time (Agora with top 3 and reasons, as routing runs it; sklearn one decision_function call each).");
  for (const note of notes) console.log(note);
}

if (import.meta.main) {
  await printTriageRealBenchmark({ seconds: Number(process.env.BENCH_TRIAGE_REAL_SECONDS ?? 1) });
}
