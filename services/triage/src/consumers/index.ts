export { createTriageConsumer, type TriageConsumerDeps } from "./triage-consumer.ts";
export { triageIssue, type TriageOutcome, type TriageWorkerContext } from "./triage-issue.ts";
export { routingMessage } from "./routing-message.ts";
export { asTriageJob } from "./job-failure.ts";
export { startTriageWorker, type StartTriageWorkerOptions } from "./start-triage-worker.ts";
export { createProjectActivityConsumer, type ProjectActivityDeps } from "./project-activity.ts";
