// What the app and the benchmarks use of triage, by name. The tests import the folders' own
// index files; anything else stays inside the service.

// The app: commands, consumers, worker, sweeps, chat and pages.
export { triageCommands } from "./cli/triage-commands.ts";
export { createProjectActivityConsumer, createTriageConsumer, startTriageWorker } from "./consumers/index.ts";
export { startScheduledSweeps } from "./sweeps/scheduled-sweeps.ts";
export { registerTriageCommands, type ChatCommandRouter } from "./chat/index.ts";
export {
  ACCURACY_DAYS,
  accuracySentence,
  recentTriageAccuracy,
  triageRoutes,
  type TriagePageDeps,
} from "./page/index.ts";
export { parseModel, serializeModel } from "./classifier/model-file.ts";

// The benchmarks: the classifier, its measures and the data it is measured on.
export { evaluate, metrics, type Metrics, type Scored } from "./classifier/evaluate.ts";
export { keywordRules, matchRules } from "./classifier/keyword-rules.ts";
export { predict, thresholdFor, type LinearModel } from "./classifier/linear-model.ts";
export { reliability, type ReliabilityBin } from "./classifier/calibration.ts";
export { mulberry32 } from "./classifier/sgd.ts";
export { syntheticReports } from "./classifier/synthetic-reports.ts";
export { train, type TrainSettings } from "./classifier/train.ts";
