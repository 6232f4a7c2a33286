import { readFileSync } from "node:fs";

/** The browser code of blind surveys, shipped beside this file under `assets/`. */
export type BlindFragmentName = "blind-rsa-client.js" | "blind-token-helper.js";

/**
 * Reads a fragment of the blind-token script. The edge build replaces this module with one that
 * holds the texts (apps/edge/src/build.ts), since an isolate has no files to read.
 */
export function blindFragment(name: BlindFragmentName): string {
  return readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8");
}
