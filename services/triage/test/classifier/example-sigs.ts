import { readFileSync } from "node:fs";
import { parseCommunity } from "@agora/config";
import type { Sig } from "@agora/schemas";

/** The example community's SIGs, the ones the SYNTHETIC reports are generated for. */
export function exampleSigs(): Sig[] {
  const path = new URL("../../../../config/community.example.yaml", import.meta.url);
  const result = parseCommunity(readFileSync(path, "utf8"), path.pathname);
  if (!result.ok) throw new Error(result.problems.join("\n"));
  return result.community.sigs;
}
