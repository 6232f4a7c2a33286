import type { ReliabilityBin } from "../classifier/calibration.ts";
import type { Evaluation } from "../classifier/evaluate.ts";
import type { LinearModel } from "../classifier/linear-model.ts";
import type { TrainReport } from "../classifier/train.ts";

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

export function formatTraining(model: LinearModel, report: TrainReport): string[] {
  const lines = [
    `trained ${model.method} on ${report.examples} bugs, ${model.labels.length} SIGs in ${report.seconds.toFixed(2)} s`,
  ];
  const selection = report.selection;
  const [only, ...others] = selection?.tried ?? [];
  if (selection && selection.name !== "none" && only && others.length === 0) {
    // One value (the linear SVM's default C): nothing was chosen, the slice still says how it does.
    lines.push(`${selection.name} = ${selection.chosen}, ${pct(only.accuracy)} on ${report.heldOut} held-out bugs`);
  } else if (selection && selection.name !== "none") {
    const tried = selection.tried.map((t) => `${t.value}: ${pct(t.accuracy)}`).join(", ");
    lines.push(`${selection.name} = ${selection.chosen}, chosen on ${report.heldOut} held-out bugs (${tried})`);
  }
  if (report.calibration) {
    lines.push(
      `temperature ${report.temperature}${report.confidence ? `, confidence logit × ${report.confidence.slope} + ${report.confidence.intercept}` : ""} (${report.calibratedOn && report.calibratedOn.folds > 1 ? `cross-fitted on ${report.calibratedOn.bugs} bugs, ${report.calibratedOn.folds} folds` : "held out"}), expected calibration error ${pct(report.calibration.expectedCalibrationError)}`,
    );
  } else lines.push("no held-out slice: no model selection and no calibration (temperature 1)");
  if (model.thresholds) {
    const bySig = Object.entries(model.thresholds.bySig)
      .map(([sig, t]) => `${sig} ${t === 1 ? "1 (never alone)" : t}`)
      .join(", ");
    lines.push(
      `thresholds for precision ${model.thresholds.targetPrecision}: global ${model.thresholds.global}${bySig ? `; ${bySig}` : ""}`,
    );
  }
  return lines;
}

export function formatEvaluation(m: Evaluation): string[] {
  const lines = [
    `bugs          ${m.count}`,
    `accuracy      ${pct(m.accuracy)}`,
    `macro-F1      ${pct(m.macroF1)}`,
    `top-3         ${pct(m.top3Accuracy)}`,
    `per bug       ${m.msPerBug.toFixed(3)} ms`,
    `${m.modelThresholds ? `at the model's thresholds (global ${m.threshold}, per SIG where set)` : `at threshold ${m.threshold}`}: coverage ${pct(m.coverage)}, precision ${m.precisionAtThreshold === null ? "n/a (nothing above)" : pct(m.precisionAtThreshold)}`,
  ];
  if (m.worst.length > 0) {
    lines.push("", "most missed SIGs (recall, where their bugs went):");
    for (const w of m.worst)
      lines.push(
        `  ${w.sig}: ${pct(w.recall)} of ${w.count}; ${w.confusedWith.map((c) => `${c.sig} ${c.count}`).join(", ")}`,
      );
  }
  lines.push(
    "",
    ...formatReliability(m.calibration.bins),
    `expected calibration error ${pct(m.calibration.expectedCalibrationError)}`,
  );
  return lines;
}

export function formatReliability(bins: readonly ReliabilityBin[]): string[] {
  return [
    "confidence    bugs  mean conf.  accuracy",
    ...bins.map(
      (b) =>
        `${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${String(b.count).padStart(8)}  ${b.count ? pct(b.meanConfidence).padStart(10) : "".padStart(10)}  ${b.accuracy === null ? "" : pct(b.accuracy).padStart(8)}`,
    ),
  ];
}
