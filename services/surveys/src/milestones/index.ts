export { isAnswerMilestone, milestoneJob, type Milestone } from "./milestone-jobs.ts";
