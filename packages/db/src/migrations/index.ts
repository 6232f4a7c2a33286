import type { Migration } from "../migrate.ts";
import { inbox } from "./0001-inbox.ts";
import { matrixMessages } from "./0002-matrix-messages.ts";
import { matrixBot } from "./0003-matrix-bot.ts";
import { forumMessages } from "./0004-forum-messages.ts";
import { triage } from "./0005-triage.ts";
import { triageDecisionDetails } from "./0006-triage-decision-details.ts";
import { surveys } from "./0007-surveys.ts";
import { surveyResults } from "./0008-survey-results.ts";
import { inboxRetention } from "./0009-inbox-retention.ts";
import { triageCorrectionBotDecision } from "./0010-triage-correction-bot-decision.ts";
import { surveyAdminSessions } from "./0011-survey-admin-sessions.ts";
import { triageDecisionProjectPath } from "./0012-triage-decision-project-path.ts";
import { matrixPings } from "./0013-matrix-pings.ts";
import { gitlabProjectVisibility } from "./0014-gitlab-project-visibility.ts";
import { matrixTakenBack } from "./0015-matrix-taken-back.ts";
import { forumDeletions } from "./0016-forum-deletions.ts";
import { forumRepliesInThread } from "./0017-forum-replies-in-thread.ts";
import { matrixWithheld } from "./0018-matrix-withheld.ts";
import { forumKeptBack } from "./0019-forum-kept-back.ts";

/** Append only: a released migration is never edited, a change is a new step. */
export const migrations: readonly Migration[] = [
  inbox,
  matrixMessages,
  matrixBot,
  forumMessages,
  triage,
  triageDecisionDetails,
  surveys,
  surveyResults,
  inboxRetention,
  triageCorrectionBotDecision,
  surveyAdminSessions,
  triageDecisionProjectPath,
  matrixPings,
  gitlabProjectVisibility,
  matrixTakenBack,
  forumDeletions,
  forumRepliesInThread,
  matrixWithheld,
  forumKeptBack,
];
