import { Gitlab } from "@gitbeaker/rest";
import { classifyGitlabError, type GitlabApi } from "@agora/gitlab";

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

/** What sweeps need from GitLab: `GitlabApi` lacks listing open issues and closing one, so they are added here. */
export interface SweepGitlab extends Pick<GitlabApi, "addNote" | "listNotes"> {
  /** Every open issue of the project, all pages. */
  listOpenIssues(projectId: number): Promise<OpenIssue[]>;
  closeIssue(projectId: number, issueIid: number): Promise<void>;
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

/** `SweepGitlab` on @gitbeaker/rest, over the same `GitlabApi` for notes; failures are `GitlabCallError`s. */
export function createSweepGitlab({ url, token, api, timeoutMs = 30_000 }: { url: string; token: string; api: GitlabApi; timeoutMs?: number }): SweepGitlab {
  const gitlab = new Gitlab({ host: url.replace(/\/+$/, ""), token, queryTimeout: timeoutMs });
  const call = async <T>(request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      throw classifyGitlabError(error);
    }
  };
  return {
    addNote: (projectId, issueIid, body) => api.addNote(projectId, issueIid, body),
    listNotes: (projectId, issueIid) => api.listNotes(projectId, issueIid),
    async listOpenIssues(projectId) {
      const raw: RawOpenIssue[] = [];
      // Page by page on X-Next-Page, as listClosedIssues does: gitbeaker's own following needs a
      // Link header, which GitLab omits on some listings and the test fake never sends.
      for (let next: number | null = 1; next !== null; ) {
        const page: number = next;
        const { data, paginationInfo } = await call(() =>
          gitlab.Issues.all({ projectId, state: "opened", page, perPage: 100, pagination: "offset", showExpanded: true }),
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
    async closeIssue(projectId, issueIid) {
      await call(() => gitlab.Issues.edit(projectId, issueIid, { stateEvent: "close" }));
    },
  };
}

function toDate(value: string | undefined): Date | null {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}
