import { loadCommunityFile } from "./community-file.ts";

export interface ConfigCheck {
  ok: boolean;
  /** Ready to print, one per line: a summary when valid, else a heading and one line per problem. */
  lines: string[];
}

/** What `agora check-config` prints: whether the community file at `path` would let Agora start. */
export function checkConfig(path: string): ConfigCheck {
  const result = loadCommunityFile(path);
  if (!result.ok) return { ok: false, lines: [`${path} is invalid:`, ...result.problems.map((p) => `  ${p}`)] };
  const { sigs, forums, surveys } = result.community;
  const counts = [
    count(sigs.length, "SIG"),
    count(forums.rules.length, "forum rule"),
    count(surveys.admins.length, "survey admin"),
  ];
  return { ok: true, lines: [`${path} is valid: ${counts.join(", ")}`] };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
