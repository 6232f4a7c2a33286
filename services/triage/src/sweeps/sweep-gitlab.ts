import type { GitlabApi } from "@agora/gitlab";

export type { OpenIssue } from "@agora/gitlab";

/** What sweeps need from GitLab: projects by path, open issues and their notes, reminding and closing. */
export type SweepGitlab = Pick<GitlabApi, "addNote" | "listNotes" | "listOpenIssues" | "closeIssue" | "findProjectId">;
