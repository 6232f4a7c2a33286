import { describeIssues } from "@agora/schemas";
import { z } from "zod";

/** One labelled bug, one line of the history file (`agora triage import-history` writes them). */
export const TrainingExample = z.object({
  title: z.string(),
  description: z.string().default(""),
  sig: z.string().min(1, "must name a SIG"),
});
export type TrainingExample = z.infer<typeof TrainingExample>;

export class TrainingDataError extends Error {
  readonly problems: string[];
  constructor(source: string, problems: string[]) {
    super(`${source}: ${problems.length} bad line(s)\n${problems.join("\n")}`);
    this.problems = problems;
  }
}

/** Parses JSONL; every bad line is reported by number and field, not only the first. Blank lines are skipped. */
export function parseJsonl(text: string, source = "input"): TrainingExample[] {
  const examples: TrainingExample[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      problems.push(`line ${i + 1}: not JSON (${(error as Error).message})`);
      return;
    }
    const parsed = TrainingExample.safeParse(json);
    if (parsed.success) examples.push(parsed.data);
    else for (const problem of describeIssues(parsed.error)) problems.push(`line ${i + 1}: ${problem}`);
  });
  if (problems.length > 0) throw new TrainingDataError(source, problems);
  return examples;
}
