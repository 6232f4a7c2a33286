/** An issue as triage reads it: enough to know whether a person already triaged it. */
export interface GitlabIssue {
  projectId: number;
  iid: number;
  title: string;
  description: string;
  labels: string[];
  assignees: { id: number; username: string }[];
  state: "opened" | "closed";
  confidential: boolean;
}

export interface GitlabNote {
  body: string;
  author: string;
}

export interface ClosedIssuesPage {
  issues: GitlabIssue[];
  /** The next page to ask for, or null after the last one. */
  nextPage: number | null;
}

/** An open issue with the times a sweep judges it by; a time GitLab did not give is null. */
export interface OpenIssue {
  projectId: number;
  iid: number;
  title: string;
  labels: string[];
  confidential: boolean;
  webUrl: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/**
 * What triage needs from GitLab, as one small interface: the verbs depend on this, the real
 * implementation sits on @gitbeaker/rest, and tests run it against a fake GitLab on loopback.
 * Every method throws a `GitlabCallError` when GitLab refuses or cannot be reached.
 */
export interface GitlabApi {
  /** Adds labels and leaves the others alone (`add_labels`), so it never removes a person's label. */
  addLabels(projectId: number, issueIid: number, labels: string[]): Promise<void>;
  /** Removes these labels and leaves the others alone (`remove_labels`); for a person's decision from chat. */
  removeLabels(projectId: number, issueIid: number, labels: string[]): Promise<void>;
  /** Replaces the assignees with these user ids. */
  setAssignees(projectId: number, issueIid: number, userIds: number[]): Promise<void>;
  /** The user id of a username, or null when GitLab knows no such user. */
  findUserId(username: string): Promise<number | null>;
  addNote(projectId: number, issueIid: number, body: string): Promise<void>;
  /** Every note of the issue, oldest first, with its author's username. */
  listNotes(projectId: number, issueIid: number): Promise<GitlabNote[]>;
  getIssue(projectId: number, issueIid: number): Promise<GitlabIssue>;
  /** The numeric id of a project named by its path (`group/project`), or null when GitLab knows none. */
  findProjectId(path: string): Promise<number | null>;
  /** The path (`group/project`) of a project named by its id, or null when GitLab knows none. */
  findProjectPath(projectId: number): Promise<string | null>;
  /** Every open issue of the project, all pages. */
  listOpenIssues(projectId: number): Promise<OpenIssue[]>;
  closeIssue(projectId: number, issueIid: number): Promise<void>;
  /**
   * One page of closed issues, keeping those with a label that starts with `labelsPrefix`
   * (`sig::`): GitLab cannot filter labels by prefix, so the page is filtered here.
   */
  listClosedIssues(options: {
    projectId: number;
    labelsPrefix: string;
    page: number;
    perPage?: number;
  }): Promise<ClosedIssuesPage>;
}

/** Why a call to GitLab failed, sorted by what the caller should do about it. */
export type GitlabFailure =
  /** Network error, timeout, 5xx, 429: try again later; `retryAfterMs` when GitLab said how long. */
  | { kind: "transient"; status: number | null; reason: string; retryAfterMs?: number | undefined }
  /** 404: the issue (or project) is gone, usually deleted. */
  | { kind: "gone"; status: 404; reason: string }
  /** 401/403: the token lacks the rights; no retry will help until an operator fixes it. */
  | { kind: "forbidden"; status: 401 | 403; reason: string }
  /** Any other 4xx: GitLab rejected the request as malformed. */
  | { kind: "invalid"; status: number; reason: string };

export class GitlabCallError extends Error {
  readonly failure: GitlabFailure;

  // No `cause`: gitbeaker's error holds the request, whose headers carry the token, and an
  // error is logged and stored in dead letters.
  constructor(failure: GitlabFailure) {
    super(`gitlab ${failure.kind}${failure.status ? ` (${failure.status})` : ""}: ${failure.reason}`);
    this.name = "GitlabCallError";
    this.failure = failure;
  }
}
