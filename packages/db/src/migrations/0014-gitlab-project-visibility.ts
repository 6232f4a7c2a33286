import type { Migration } from "../migrate.ts";

// The last visibility GitLab's hooks showed of each project, so that a project made private is
// noticed (hooks send no event of their own for it) and stays withdrawn from rooms and triage
// pages until it is seen public again.
export const gitlabProjectVisibility: Migration = {
  id: "0014-gitlab-project-visibility",
  sql: `
    create table agora_gitlab_project (
      project_id bigint primary key,
      visibility_level integer not null,
      withdrawn boolean not null default false,
      seen_at timestamptz not null default now()
    );
  `,
};
