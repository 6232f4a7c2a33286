import type { Migration } from "../migrate.ts";

// The project's `group/project` path beside its id: `!triage queue` lists references a lead can
// copy back into `!triage`, which names projects by path; the id alone read `project 1#105`.
// Older rows keep an empty path and are named by their URL, or their id, as before.
export const triageDecisionProjectPath: Migration = {
  id: "0012-triage-decision-project-path",
  sql: `alter table agora_triage_decision add column project_path text not null default '';`,
};
