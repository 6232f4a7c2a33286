import { describeIssues, TriagePolicies } from "@agora/schemas";

export { TriagePolicies, TriagePolicy } from "@agora/schemas";

/** Parses a policies file (JSON); every problem is named by its path. */
export function parsePolicies(text: string, source: string): TriagePolicies {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = TriagePolicies.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new Error(
    `${source}:\n${describeIssues(parsed.error)
      .map((line) => `  ${line}`)
      .join("\n")}`,
  );
}
