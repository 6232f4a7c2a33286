import type { GitlabApi, GitlabIssue } from "@agora/gitlab";
import type { Community } from "@agora/schemas";
import type { TrainingExample } from "../classifier/training-data.ts";

export interface ImportedHistory {
  examples: TrainingExample[];
  /** Closed issues read that carry at least one label (the API's listing drops unlabelled ones). */
  read: number;
  /** Labelled, but with no SIG's label: nobody said where they belonged. */
  skippedNoSig: number;
  /** Two or more SIGs' labels: ambiguous as a training target. */
  skippedSeveralSigs: number;
  /** Left out so that their words never end up in a model file that others may read. */
  skippedConfidential: number;
}

/**
 * Closed issues with exactly one SIG label become training examples. Issues come project by
 * project, each in creation order (ascending iid), so that the tail of the file is the newest
 * bugs of a project, which is what ADR 0006's held-out evaluation takes.
 */
export async function importHistory({
  ctx,
  input,
}: {
  ctx: { gitlab: GitlabApi; community: Pick<Community, "sigs"> };
  input: { projectIds: number[]; perPage?: number };
}): Promise<ImportedHistory> {
  const sigOfLabel = new Map(
    ctx.community.sigs.flatMap((sig) => sig.gitlab.labels.map((label) => [label, sig.id] as const)),
  );
  const result: ImportedHistory = {
    examples: [],
    read: 0,
    skippedNoSig: 0,
    skippedSeveralSigs: 0,
    skippedConfidential: 0,
  };
  for (const projectId of input.projectIds) {
    const issues: GitlabIssue[] = [];
    // SIG labels need not share a prefix, so ask for every labelled issue and sort them out here.
    for (let page: number | null = 1; page !== null;) {
      const batch = await ctx.gitlab.listClosedIssues({
        projectId,
        labelsPrefix: "",
        page,
        perPage: input.perPage ?? 100,
      });
      issues.push(...batch.issues);
      page = batch.nextPage;
    }
    issues.sort((a, b) => a.iid - b.iid);
    for (const issue of issues) {
      result.read++;
      const sigs = new Set(issue.labels.flatMap((label) => sigOfLabel.get(label) ?? []));
      const [sig] = sigs;
      if (issue.confidential) result.skippedConfidential++;
      else if (sig === undefined) result.skippedNoSig++;
      else if (sigs.size > 1) result.skippedSeveralSigs++;
      else result.examples.push({ title: issue.title, description: issue.description, sig });
    }
  }
  return result;
}

export function toJsonl(examples: TrainingExample[]): string {
  return examples.map((example) => JSON.stringify(example)).join("\n") + (examples.length > 0 ? "\n" : "");
}
