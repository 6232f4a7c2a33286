import { GitlabCallError } from "@agora/gitlab";

/**
 * What to tell a person in chat when GitLab failed. The job policy wraps a refused call in a
 * PermanentJobError for the dead letters, so the GitLab error is looked for in its causes too.
 * Anything else is our bug: it is rethrown for the bot to log and answer generically.
 */
export function chatFailureText(error: unknown, issue: string): string {
  const failure = findGitlabError(error)?.failure;
  if (!failure) throw error;
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

function findGitlabError(error: unknown): GitlabCallError | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof GitlabCallError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
