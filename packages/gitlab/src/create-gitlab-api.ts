import { Gitlab } from "@gitbeaker/rest";
import {
  GitlabCallError,
  type ClosedIssuesPage,
  type GitlabApi,
  type GitlabIssue,
  type OpenIssue,
} from "./gitlab-api.ts";
import { classifyGitlabError } from "./gitlab-failure.ts";
import { gitlabRequesterFn } from "./gitlab-requester.ts";

export interface GitlabApiOptions {
  /** The instance's base URL, such as https://gitlab.example.org (without /api/v4). */
  url: string;
  /** A personal, project or group access token with the `api` scope; sent as `PRIVATE-TOKEN`. */
  token: string;
  /** How long one request may take; gitbeaker's own default is five minutes, too long for a job. */
  timeoutMs?: number;
}

/** The real `GitlabApi`, on @gitbeaker/rest. Every failure is thrown as a `GitlabCallError`. */
export function createGitlabApi({ url, token, timeoutMs = 30_000 }: GitlabApiOptions): GitlabApi {
  const gitlab = new Gitlab({
    host: url.replace(/\/+$/, ""),
    token,
    queryTimeout: timeoutMs,
    requesterFn: gitlabRequesterFn,
  });
  const call = async <T>(request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      throw classifyGitlabError(error);
    }
  };

  return {
    async addLabels(projectId, issueIid, labels) {
      await call(() => gitlab.Issues.edit(projectId, issueIid, { addLabels: labels.join(",") }));
    },
    async removeLabels(projectId, issueIid, labels) {
      await call(() => gitlab.Issues.edit(projectId, issueIid, { removeLabels: labels.join(",") }));
    },
    async setAssignees(projectId, issueIid, userIds) {
      await call(() => gitlab.Issues.edit(projectId, issueIid, { assigneeIds: userIds }));
    },
    async findUserId(username) {
      const users = await call(() => gitlab.Users.all({ username }));
      const user = users.find((u) => String(u.username).toLowerCase() === username.toLowerCase());
      return user ? Number(user.id) : null;
    },
    async addNote(projectId, issueIid, body) {
      await call(() => gitlab.IssueNotes.create(projectId, issueIid, body));
    },
    async listNotes(projectId, issueIid) {
      // Without a page, gitbeaker follows GitLab's pagination to the last page.
      const notes = await call(() =>
        gitlab.IssueNotes.all(projectId, issueIid, { perPage: 100, sort: "asc", orderBy: "created_at" }),
      );
      // gitbeaker types every note with an author; GitLab's answers for some system notes have none.
      const authorOf = (note: { author?: { username?: unknown } | null }) => String(note.author?.username ?? "");
      return notes.map((note) => ({ body: String(note.body), author: authorOf(note) }));
    },
    async getIssue(projectId, issueIid) {
      const issue = await call(() => gitlab.Issues.show(issueIid, { projectId }));
      return toIssue(issue as unknown as RawIssue);
    },
    async listClosedIssues({ projectId, labelsPrefix, page, perPage = 100 }): Promise<ClosedIssuesPage> {
      const { data, paginationInfo } = await call(() =>
        gitlab.Issues.all({ projectId, state: "closed", page, perPage, pagination: "offset", showExpanded: true }),
      );
      const issues = (data as unknown as RawIssue[])
        .map(toIssue)
        .filter((issue) => issue.labels.some((label) => label.startsWith(labelsPrefix)));
      return { issues, nextPage: paginationInfo.next };
    },
    async listOpenIssues(projectId): Promise<OpenIssue[]> {
      const raw: RawOpenIssue[] = [];
      // Page by page on X-Next-Page, as listClosedIssues does: gitbeaker's own following needs a
      // Link header, which GitLab omits on some listings and the test fake never sends.
      for (let next: number | null = 1; next !== null;) {
        const page: number = next;
        const { data, paginationInfo } = await call(() =>
          gitlab.Issues.all({
            projectId,
            state: "opened",
            page,
            perPage: 100,
            pagination: "offset",
            showExpanded: true,
          }),
        );
        raw.push(...(data as unknown as RawOpenIssue[]));
        next = paginationInfo.next;
      }
      return raw.map((issue) => ({
        projectId: issue.project_id,
        iid: issue.iid,
        title: issue.title,
        labels: issue.labels ?? [],
        confidential: issue.confidential === true,
        webUrl: issue.web_url ?? null,
        createdAt: toDate(issue.created_at),
        updatedAt: toDate(issue.updated_at),
      }));
    },
    async findProjectId(path) {
      try {
        const project = await call(() => gitlab.Projects.show(path));
        return Number(project.id);
      } catch (error) {
        if (error instanceof GitlabCallError && error.failure.kind === "gone") return null;
        throw error;
      }
    },
    async findProjectPath(projectId) {
      try {
        const project = await call(() => gitlab.Projects.show(projectId));
        return typeof project.path_with_namespace === "string" ? project.path_with_namespace : null;
      } catch (error) {
        if (error instanceof GitlabCallError && error.failure.kind === "gone") return null;
        throw error;
      }
    },
    async closeIssue(projectId, issueIid) {
      await call(() => gitlab.Issues.edit(projectId, issueIid, { stateEvent: "close" }));
    },
  };
}

/** The fields of GitLab's issue JSON that triage reads. */
interface RawIssue {
  project_id: number;
  iid: number;
  title: string;
  description: string | null;
  /** Absent from some instances' answers (older versions, trimmed serializers): read as none. */
  labels?: string[] | null;
  assignees?: { id: number; username: string }[] | null;
  state: string;
  confidential?: boolean;
}

function toIssue(raw: RawIssue): GitlabIssue {
  return {
    projectId: raw.project_id,
    iid: raw.iid,
    title: raw.title,
    description: raw.description ?? "",
    labels: raw.labels ?? [],
    assignees: (raw.assignees ?? []).map(({ id, username }) => ({ id, username })),
    state: raw.state === "closed" ? "closed" : "opened",
    confidential: raw.confidential === true,
  };
}

interface RawOpenIssue {
  project_id: number;
  iid: number;
  title: string;
  labels?: string[];
  confidential?: boolean;
  web_url?: string;
  created_at?: string;
  updated_at?: string;
}

function toDate(value: string | undefined): Date | null {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}
