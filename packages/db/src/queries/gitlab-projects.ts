import type { Sql } from "../sql.ts";

/** GitLab's `visibility_level` of a private project (internal is 10, public 20). */
export const GITLAB_PRIVATE = 0;

export interface ProjectVisibility {
  /** Seen public or internal before and private now: what rooms and pages show of it must go. */
  becameWithdrawn: boolean;
  /** Made private after it was seen otherwise, and not seen otherwise since. */
  withdrawn: boolean;
  /** Withdrawn until now, and seen public or internal again: rooms may be told of it again. */
  cameBack: boolean;
}

/**
 * Records the visibility an event shows of a project and says whether the project is withdrawn.
 * A project first seen private is not: it never showed anything public to take back. Locks the
 * project's row, so two deliveries at once see the change once.
 */
export async function seeProjectVisibility(
  tx: Sql,
  projectId: number,
  visibilityLevel: number,
): Promise<ProjectVisibility> {
  const [before] = await tx.query<{ visibility_level: number; withdrawn: boolean }>(
    "select visibility_level, withdrawn from agora_gitlab_project where project_id = $1 for update",
    [projectId],
  );
  const isPrivate = visibilityLevel === GITLAB_PRIVATE;
  const becameWithdrawn = isPrivate && before !== undefined && before.visibility_level !== GITLAB_PRIVATE;
  const withdrawn = isPrivate && (becameWithdrawn || before?.withdrawn === true);
  if (before?.visibility_level !== visibilityLevel || before.withdrawn !== withdrawn) {
    await tx.query(
      `insert into agora_gitlab_project (project_id, visibility_level, withdrawn) values ($1, $2, $3)
       on conflict (project_id) do update set visibility_level = excluded.visibility_level, withdrawn = excluded.withdrawn, seen_at = now()`,
      [projectId, visibilityLevel, withdrawn],
    );
  }
  return { becameWithdrawn, withdrawn, cameBack: before?.withdrawn === true && !isPrivate };
}

/** Every triage decision of a project leaves the pages and API and forgets its title, as a confidential one does. */
export async function markProjectTriageDecisionsConfidential(tx: Sql, projectId: number): Promise<void> {
  await tx.query(
    "update agora_triage_decision set confidential = true, title = '' where project_id = $1 and not (confidential and title = '')",
    [projectId],
  );
}

/** Whether a project was made private after it was seen otherwise (see `seeProjectVisibility`). */
export async function isProjectWithdrawn(db: Sql, projectId: number): Promise<boolean> {
  const rows = await db.query<{ withdrawn: boolean }>(
    "select withdrawn from agora_gitlab_project where project_id = $1",
    [projectId],
  );
  return rows[0]?.withdrawn === true;
}
