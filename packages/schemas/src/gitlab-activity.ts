import { z } from "zod";
import { GitlabProject } from "./gitlab-common.ts";
import { RowId } from "./storable.ts";

// Events Agora does not model in full (they parse as GitlabOtherWebhook) but tells rooms about:
// the fields the room messages read, from GitLab's "Webhook events" documentation. Loose, so a
// field GitLab adds later is kept, not refused.

/** `Push Hook` and `Tag Push Hook`. */
export const GitlabPushHook = z.looseObject({
  object_kind: z.enum(["push", "tag_push"]),
  before: z.string(),
  after: z.string(),
  ref: z.string(),
  /** GitLab 16.x and later; absent before. */
  ref_protected: z.boolean().optional(),
  user_name: z.string(),
  user_username: z.string().optional(),
  project: GitlabProject,
  commits: z
    .array(z.looseObject({ id: z.string(), title: z.string().optional(), message: z.string(), url: z.string() }))
    .default([]),
  total_commits_count: z.number().int().nonnegative(),
});
export type GitlabPushHook = z.infer<typeof GitlabPushHook>;

/** `Pipeline Hook`. */
export const GitlabPipelineHook = z.looseObject({
  object_kind: z.literal("pipeline"),
  object_attributes: z.looseObject({
    id: RowId,
    ref: z.string(),
    tag: z.boolean().optional(),
    sha: z.string(),
    status: z.string(),
    source: z.string().optional(),
    url: z.string().optional(),
  }),
  user: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).nullable().optional(),
  project: GitlabProject,
  commit: z
    .looseObject({
      id: z.string(),
      message: z.string().optional(),
      title: z.string().optional(),
      url: z.string().optional(),
    })
    .nullable()
    .optional(),
  builds: z
    .array(z.looseObject({ name: z.string(), status: z.string(), allow_failure: z.boolean().optional() }))
    .default([]),
});
export type GitlabPipelineHook = z.infer<typeof GitlabPipelineHook>;

/** `Release Hook`: `action` is create, update or delete. */
export const GitlabReleaseHook = z.looseObject({
  object_kind: z.literal("release"),
  id: RowId,
  name: z.string().nullable().optional(),
  tag: z.string(),
  url: z.string(),
  action: z.string(),
  description: z.string().nullable().optional(),
  project: GitlabProject,
});
export type GitlabReleaseHook = z.infer<typeof GitlabReleaseHook>;
