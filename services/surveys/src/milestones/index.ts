export { sendDueMilestones, type DueMilestonesContext } from "./due-milestones.ts";
export { enqueueMilestone, milestoneJobId } from "./enqueue-milestone.ts";
export { lastAnswerMilestone, milestoneJob, type Milestone } from "./milestone-jobs.ts";
export { startSurveyClock, type SurveyClock, type SurveyClockOptions } from "./survey-clock.ts";
