import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseYamlWith } from "@agora/config";
import { SurveyDefinition } from "@agora/schemas";

export interface SurveyFile {
  path: string;
  sha256: string;
  definition: SurveyDefinition;
}

export type SurveyFilesResult = { ok: true; files: SurveyFile[] } | { ok: false; problems: string[] };

/**
 * Reads every `*.yaml`, `*.yml` and `*.json` in `dir` as a survey definition. All problems of all
 * files are listed at once, each with its file and line; a folder that does not exist holds no
 * surveys. Synchronous: it runs once at start, beside the community file, before anything is served.
 */
export function readSurveyFiles(dir: string): SurveyFilesResult {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.(ya?ml|json)$/i.test(n))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, files: [] };
    throw error;
  }
  const files: SurveyFile[] = [];
  const problems: string[] = [];
  const slugs = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, name);
    const text = readFileSync(path, "utf8");
    const parsed = parseYamlWith(SurveyDefinition, text, `${path} is empty: it needs a slug, a title and questions`);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((p) => `${path}: ${p}`));
      continue;
    }
    const other = slugs.get(parsed.value.slug);
    if (other) problems.push(`${path}: slug "${parsed.value.slug}" is also the slug of ${other}`);
    slugs.set(parsed.value.slug, path);
    files.push({ path, sha256: createHash("sha256").update(text).digest("hex"), definition: parsed.value });
  }
  return problems.length ? { ok: false, problems } : { ok: true, files };
}
