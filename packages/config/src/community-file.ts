import { readFileSync } from "node:fs";
import type { z } from "zod";
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import { Community, describeProblem, listProblems, readableErrors, type Problem } from "@agora/schemas";

export type CommunityResult = { ok: true; community: Community } | { ok: false; problems: string[] };

/**
 * Parses and validates the text of a community file. Every problem is listed, each as
 * `path: message (line N)`, so that an operator fixes the file in one pass.
 */
export function parseCommunity(yamlText: string, fileName: string): CommunityResult {
  const result = parseYamlWith(Community, yamlText, `${fileName} is empty: it needs at least a list of sigs`);
  return result.ok ? { ok: true, community: result.value } : result;
}

/** Parses YAML (or JSON, which is YAML too) and checks it with `schema`, naming each problem's line. */
export function parseYamlWith<T extends z.ZodType>(
  schema: T,
  yamlText: string,
  emptyProblem: string,
): { ok: true; value: z.output<T> } | { ok: false; problems: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return `line ${line}, column ${col}: ${error.message}`;
      }),
    };
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { ok: false, problems: [emptyProblem] };
  const result = schema.safeParse(data, { error: readableErrors });
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: listProblems(result.error).map((problem) => withLine(problem, doc, lineCounter)),
  };
}

/**
 * Reads and validates a community file; a missing or unreadable file is a problem, not a throw.
 * Synchronous: it runs once, at start or from the command line, before anything is served.
 */
export function loadCommunityFile(path: string): CommunityResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { ok: false, problems: [unreadable(path, error)] };
  }
  return parseCommunity(text, path);
}

function unreadable(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `${path} does not exist (set AGORA_CONFIG to the community file's path)`;
  if (code === "EISDIR") return `${path} is a folder, not a community file`;
  if (code === "EACCES") return `${path} cannot be read: permission denied`;
  return `${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
}

// A missing key has no node of its own: the nearest ancestor that exists is where to add it.
function withLine(problem: Problem, doc: Document, lineCounter: LineCounter): string {
  for (let depth = problem.path.length; depth > 0; depth--) {
    const node = doc.getIn(problem.path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      return `${describeProblem(problem)} (line ${lineCounter.linePos(node.range[0]).line})`;
    }
  }
  return describeProblem(problem);
}
