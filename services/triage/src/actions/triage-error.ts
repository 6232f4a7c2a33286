import type { GitlabFailure } from "@agora/gitlab";

/** What a verb can be refused for, such that trying again cannot help until a person acts. */
export type TriageRefusal =
  /** GitLab refused the write: the token lacks the rights, or the request is one GitLab rejects. */
  | { kind: "gitlab-refused"; failure: Extract<GitlabFailure, { kind: "forbidden" | "invalid" }> }
  /** The decision names a SIG the community file does not have: a stale model or config. */
  | { kind: "unknown-sig"; sig: string };

/**
 * Thrown by a triage verb for a failure no retry fixes. The verb says what went wrong; each
 * transport says what that means to it once: the job worker dead-letters it, the chat command
 * answers the person in plain words.
 */
export class TriageError extends Error {
  readonly refusal: TriageRefusal;

  constructor(message: string, refusal: TriageRefusal, options?: ErrorOptions) {
    super(message, options);
    this.name = "TriageError";
    this.refusal = refusal;
  }
}
