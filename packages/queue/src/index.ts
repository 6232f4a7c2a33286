export {
  defaultJobSettings,
  defineJob,
  type DefineJobOptions,
  type JobDefinition,
  type JobSettings,
} from "./define-job.ts";
export { deliveryJob, notifyJob, triageJob, triageSweepJob } from "./definitions.ts";
export { JobPayloadError, PermanentJobError } from "./errors.ts";
export { insertJobOnce, insertJobs, type InsertJobsOptions } from "./insert-jobs.ts";
export type { DeadLetter, QueueDepth } from "./inspect.ts";
export {
  createJobQueue,
  type JobQueue,
  type JobSender,
  type JobQueueOptions,
  type SendOptions,
  type StopOptions,
  type WorkOptions,
} from "./job-queue.ts";
export type { QueueLogger } from "./logger.ts";
export type { JobContext, JobHandler } from "./run-job.ts";
export type { WaitingJob } from "./waiting-jobs.ts";
