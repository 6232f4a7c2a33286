import { defaultLanguage, localize, type NotifySend, type SurveyDefinition } from "@agora/schemas";

export type Milestone = { kind: "opened" } | { kind: "answers"; count: number } | { kind: "closed"; count: number };

/**
 * The Matrix message for a survey's milestone, or undefined when the survey names no room.
 * The dedupe key makes each milestone one message however often it is reached again (a survey
 * closed, reopened and closed once more says so once per close it counts).
 */
export function milestoneJob(
  survey: SurveyDefinition,
  milestone: Milestone,
  publicUrl: string,
): NotifySend | undefined {
  if (!survey.milestones) return undefined;
  const title = localize(survey.title, defaultLanguage(survey), defaultLanguage(survey));
  const base = publicUrl.replace(/\/+$/, "");
  const surveyUrl = `${base}/s/${survey.slug}`;
  const text = milestoneText(milestone, title, surveyUrl, `${surveyUrl}/results`);
  return {
    action: "send",
    dedupeKey: `survey:${survey.slug}:${milestoneKey(milestone)}`,
    room: survey.milestones.room,
    body: text,
  };
}

function milestoneKey(m: Milestone): string {
  if (m.kind === "opened") return "opened";
  return `${m.kind}:${m.count}`;
}

function milestoneText(m: Milestone, title: string, surveyUrl: string, resultsUrl: string): string {
  if (m.kind === "opened") return `The survey “${title}” is open: ${surveyUrl}`;
  if (m.kind === "answers") return `The survey “${title}” has ${m.count} answers. ${surveyUrl}`;
  return `The survey “${title}” is closed with ${m.count} answers. Results: ${resultsUrl}`;
}

/** The highest multiple of the survey's "every N answers" that `count` has reached, or 0. */
export function lastAnswerMilestone(survey: SurveyDefinition, count: number): number {
  if (!survey.milestones) return 0;
  return Math.floor(count / survey.milestones.every) * survey.milestones.every;
}
