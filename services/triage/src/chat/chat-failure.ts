import { GitlabCallError, type GitlabFailure } from "@agora/gitlab";
import { TriageError } from "../actions/triage-error.ts";

/**
 * What to tell a person in chat when a command failed: a verb's refusal (`TriageError`) or a
 * GitLab call the command made itself (`GitlabCallError`). Anything else is our bug: it is
 * rethrown for the bot to log and answer generically.
 */
export function chatFailureText(error: unknown, issue: string): string {
  if (error instanceof TriageError) {
    const { refusal } = error;
    if (refusal.kind === "unknown-sig") return `There is no SIG "${refusal.sig}" in the community file.`;
    return gitlabFailureText(refusal.failure, issue);
  }
  if (error instanceof GitlabCallError) return gitlabFailureText(error.failure, issue);
  throw error;
}

function gitlabFailureText(failure: GitlabFailure, issue: string): string {
  switch (failure.kind) {
    case "gone":
      return `${issue} is gone from GitLab (deleted, moved, or the project is not visible to the bot).`;
    case "forbidden":
      return `The bot's GitLab token lacks the rights to change ${issue}; ask an operator to check its access.`;
    case "invalid":
      return `GitLab refused the change to ${issue}: ${failure.reason}`;
    case "transient":
      return "GitLab is unreachable right now; try again in a minute.";
  }
}
