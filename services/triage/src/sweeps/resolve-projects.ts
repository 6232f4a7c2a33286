import type { Community, SweptProject } from "@agora/schemas";
import type { SweepGitlab } from "./sweep-gitlab.ts";

/**
 * The projects a sweep goes through: those given, else those the community file's sweep names,
 * else those its SIGs name. Paths are how people write projects; the issue listing wants ids.
 */
export function sweptProjects(community: Community | undefined, given: SweptProject[] = []): SweptProject[] {
  if (given.length > 0) return given;
  if (community?.triage?.projects.length) return community.triage.projects;
  return [...new Set(community?.sigs.flatMap((sig) => sig.gitlab.projects) ?? [])];
}

/** Ids for the projects; a path GitLab does not know is returned apart, for the caller to report. */
export async function resolveProjects({
  ctx,
  input,
}: {
  ctx: { gitlab: Pick<SweepGitlab, "findProjectId"> };
  input: { projects: SweptProject[] };
}): Promise<{ projectIds: number[]; unknown: string[] }> {
  const projectIds: number[] = [];
  const unknown: string[] = [];
  for (const project of input.projects) {
    if (typeof project === "number") {
      projectIds.push(project);
      continue;
    }
    const id = await ctx.gitlab.findProjectId(project);
    if (id === null) unknown.push(project);
    else projectIds.push(id);
  }
  return { projectIds: [...new Set(projectIds)], unknown };
}
