import { z } from "zod";
import { RowId, unstorableText } from "./storable.ts";
import {
  GitlabActor,
  GitlabChanges,
  GitlabIssueSummary,
  GitlabLabel,
  GitlabMergeRequestSummary,
  GitlabProject,
  GitlabRepository,
  GitlabUser,
} from "./gitlab-common.ts";
import type { ParseResult } from "./issues.ts";
import { readableErrors } from "./issues.ts";

export * from "./gitlab-common.ts";

/** Values of the `X-Gitlab-Event` header. Confidential issues and notes come with their own. */
export const GitlabEventHeader = z.enum([
  "Push Hook",
  "Tag Push Hook",
  "Issue Hook",
  "Confidential Issue Hook",
  "Note Hook",
  "Confidential Note Hook",
  "Merge Request Hook",
  "Wiki Page Hook",
  "Pipeline Hook",
  "Job Hook",
  "Deployment Hook",
  "Feature Flag Hook",
  "Release Hook",
  "Emoji Hook",
  "Milestone Hook",
  "Member Hook",
  "Project Hook",
  "Subgroup Hook",
  "Resource Access Token Hook",
  "Vulnerability Hook",
  "System Hook",
]);
export type GitlabEventHeader = z.infer<typeof GitlabEventHeader>;

/** `action` is open, close, reopen or update; it is a string so a new action is not a rejected hook. */
export const GitlabIssueAttributes = GitlabIssueSummary.extend({
  url: z.string(),
  action: z.string().optional(),
  type: z.string().optional(),
});
export type GitlabIssueAttributes = z.infer<typeof GitlabIssueAttributes>;

/**
 * `Issue Hook` (and `Confidential Issue Hook`). Work items other than issues (tasks, epics…)
 * arrive with the same header and shape, as `object_kind: work_item`.
 */
export const GitlabIssueHook = z.looseObject({
  object_kind: z.enum(["issue", "work_item"]),
  /** `issue`, `confidential_issue` or `work_item`. */
  event_type: z.string().optional(),
  user: GitlabActor,
  project: GitlabProject,
  object_attributes: GitlabIssueAttributes,
  labels: z.array(GitlabLabel).optional(),
  changes: GitlabChanges.optional(),
  assignees: z.array(GitlabUser).optional(),
  repository: GitlabRepository.optional(),
});
export type GitlabIssueHook = z.infer<typeof GitlabIssueHook>;

export const GitlabNoteAttributes = z.looseObject({
  id: RowId,
  note: z.string(),
  /** `Issue`, `MergeRequest`, `Commit` or `Snippet`. */
  noteable_type: z.string(),
  noteable_id: RowId.nullable().optional(),
  author_id: RowId.optional(),
  system: z.boolean().optional(),
  internal: z.boolean().optional(),
  action: z.string().optional(),
  url: z.string(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type GitlabNoteAttributes = z.infer<typeof GitlabNoteAttributes>;

/** `Note Hook` (and `Confidential Note Hook`): a comment, with the issue or merge request it is on. */
export const GitlabNoteHook = z.looseObject({
  object_kind: z.literal("note"),
  /** `note` or `confidential_note`. */
  event_type: z.string().optional(),
  user: GitlabActor,
  project_id: RowId.optional(),
  project: GitlabProject,
  object_attributes: GitlabNoteAttributes,
  issue: GitlabIssueSummary.optional(),
  merge_request: GitlabMergeRequestSummary.optional(),
  repository: GitlabRepository.optional(),
});
export type GitlabNoteHook = z.infer<typeof GitlabNoteHook>;

export const GitlabMergeRequestAttributes = GitlabMergeRequestSummary.extend({
  url: z.string(),
  action: z.string().optional(),
  source_project_id: RowId.optional(),
  target_project_id: RowId.optional(),
  merge_status: z.string().optional(),
  detailed_merge_status: z.string().optional(),
});
export type GitlabMergeRequestAttributes = z.infer<typeof GitlabMergeRequestAttributes>;

export const GitlabMergeRequestHook = z.looseObject({
  object_kind: z.literal("merge_request"),
  event_type: z.string().optional(),
  user: GitlabActor,
  project: GitlabProject,
  object_attributes: GitlabMergeRequestAttributes,
  labels: z.array(GitlabLabel).optional(),
  changes: GitlabChanges.optional(),
  assignees: z.array(GitlabUser).optional(),
  reviewers: z.array(GitlabUser).optional(),
  repository: GitlabRepository.optional(),
});
export type GitlabMergeRequestHook = z.infer<typeof GitlabMergeRequestHook>;

export const GitlabKnownWebhook = z.discriminatedUnion("object_kind", [
  GitlabIssueHook,
  GitlabNoteHook,
  GitlabMergeRequestHook,
]);
export type GitlabKnownWebhook = z.infer<typeof GitlabKnownWebhook>;

// Kept beside the union it mirrors; a test checks that the two agree.
const knownKinds: ReadonlySet<unknown> = new Set(["issue", "work_item", "note", "merge_request"]);

/**
 * Any other event (push, pipeline, …), kept whole. Member, project and subgroup events have
 * `event_name` instead of `object_kind`, so both are optional.
 */
export const GitlabOtherWebhook = z.looseObject({
  object_kind: z
    .string()
    .refine((kind) => !knownKinds.has(kind), { message: "is a kind with its own schema", abort: true })
    .optional(),
  event_name: z.string().optional(),
});
export type GitlabOtherWebhook = z.infer<typeof GitlabOtherWebhook>;

/** Every GitLab webhook body. Prefer `parseGitlabWebhook`, whose errors name the failing field. */
export const GitlabWebhook = z.union([GitlabKnownWebhook, GitlabOtherWebhook]);
export type GitlabWebhook = z.infer<typeof GitlabWebhook>;

/** Narrows a parsed webhook to the kinds Agora models, where `object_kind` discriminates fully. */
export function isKnownGitlabWebhook(hook: GitlabWebhook): hook is GitlabKnownWebhook {
  return knownKinds.has(hook.object_kind);
}

/**
 * Parses a webhook body with the schema its `object_kind` names, so a broken issue event fails
 * with `object_attributes.iid: is required`, not with a union of every schema's complaints.
 */
export function parseGitlabWebhook(body: unknown): ParseResult<GitlabWebhook> {
  const kind = typeof body === "object" && body !== null ? (body as { object_kind?: unknown }).object_kind : undefined;
  const schema = knownKinds.has(kind) ? GitlabKnownWebhook : GitlabOtherWebhook;
  const unstorable = unstorableText(body);
  if (unstorable.length > 0) return { success: false, error: new z.ZodError(unstorable) };
  return schema.safeParse(body, { error: readableErrors });
}
