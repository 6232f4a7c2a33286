import { z } from "zod";
import { RowId } from "./storable.ts";

// GitLab adds fields to its payloads release after release: every object here is loose, so
// fields Agora does not model yet are kept as they came, and only the ones it reads are checked.
// Timestamps stay strings: GitLab writes both "2013-12-03T17:15:43Z" and "2015-05-17 17:06:40 UTC".

/** A user as GitLab embeds one; `assignees` entries may come without an id. */
export const GitlabUser = z.looseObject({
  id: RowId.optional(),
  username: z.string(),
  name: z.string(),
  avatar_url: z.string().nullable().optional(),
  email: z.string().optional(),
});
export type GitlabUser = z.infer<typeof GitlabUser>;

/** The user who caused the event: always with an id. */
export const GitlabActor = GitlabUser.extend({ id: RowId });
export type GitlabActor = z.infer<typeof GitlabActor>;

export const GitlabProject = z.looseObject({
  id: RowId,
  name: z.string(),
  description: z.string().nullable().optional(),
  web_url: z.string(),
  path_with_namespace: z.string(),
  namespace: z.string().optional(),
  default_branch: z.string().nullable().optional(),
  visibility_level: RowId.optional(),
  avatar_url: z.string().nullable().optional(),
});
export type GitlabProject = z.infer<typeof GitlabProject>;

export const GitlabRepository = z.looseObject({
  name: z.string(),
  url: z.string(),
  description: z.string().nullable().optional(),
  homepage: z.string().optional(),
});
export type GitlabRepository = z.infer<typeof GitlabRepository>;

/** A label; scoped labels such as `sig::cloud` are plain titles with `::` in them. */
export const GitlabLabel = z.looseObject({
  id: RowId,
  title: z.string(),
  color: z.string().optional(),
  description: z.string().nullable().optional(),
  type: z.string().optional(),
  project_id: RowId.nullable().optional(),
  group_id: RowId.nullable().optional(),
  template: z.boolean().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type GitlabLabel = z.infer<typeof GitlabLabel>;

function change<T extends z.ZodType>(value: T) {
  return z.looseObject({ previous: value, current: value });
}

/** What an update changed, each as `{ previous, current }`; only the fields Agora reacts to are typed. */
export const GitlabChanges = z.looseObject({
  labels: change(z.array(GitlabLabel)).optional(),
  assignees: change(z.array(GitlabUser)).optional(),
  title: change(z.string().nullable()).optional(),
  description: change(z.string().nullable()).optional(),
  state_id: change(RowId.nullable()).optional(),
  confidential: change(z.boolean().nullable()).optional(),
});
export type GitlabChanges = z.infer<typeof GitlabChanges>;

/** An issue as a note event embeds it, and the core of an issue event's `object_attributes`. */
export const GitlabIssueSummary = z.looseObject({
  id: RowId,
  iid: RowId,
  title: z.string(),
  description: z.string().nullable().optional(),
  state: z.string(),
  confidential: z.boolean().optional(),
  labels: z.array(GitlabLabel).optional(),
  author_id: RowId.optional(),
  assignee_ids: z.array(RowId).optional(),
  project_id: RowId.optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type GitlabIssueSummary = z.infer<typeof GitlabIssueSummary>;

/** A merge request as a note event embeds it, and the core of a merge request event's attributes. */
export const GitlabMergeRequestSummary = z.looseObject({
  id: RowId,
  iid: RowId,
  title: z.string(),
  description: z.string().nullable().optional(),
  state: z.string(),
  source_branch: z.string(),
  target_branch: z.string(),
  labels: z.array(GitlabLabel).optional(),
  author_id: RowId.optional(),
  draft: z.boolean().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});
export type GitlabMergeRequestSummary = z.infer<typeof GitlabMergeRequestSummary>;
