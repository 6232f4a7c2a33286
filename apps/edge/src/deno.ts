import { createRequire } from "node:module";
import { buildDenoEntries, type DenoEntryName } from "./build.ts";
import { startChild, type Child } from "./child.ts";

/** The platform's `deno` binary, as the `deno` package (from npm) finds or places it. */
function denoBinary(): string {
  const install = createRequire(import.meta.url)("deno/install_api.cjs") as { runInstall(): unknown };
  const path = install.runInstall();
  if (typeof path !== "string") throw new Error("the deno package did not name its binary");
  return path;
}

export interface DenoSite {
  entry: DenoEntryName;
  port: number;
  /** The process's environment: what `Deno.env` hands the entry as its bindings. */
  env: Record<string, string>;
}

/**
 * Builds the Deno entries into `outDir` and serves `site` with `deno serve` on loopback: network
 * and the environment allowed, and the host's name (pino's Node build reads it at load); no
 * files, no subprocesses.
 */
export async function startDeno(outDir: string, site: DenoSite): Promise<Child> {
  const bundles = await buildDenoEntries(outDir);
  return startChild(
    denoBinary(),
    [
      "serve",
      "--quiet",
      "--no-prompt",
      "--allow-net",
      "--allow-env",
      "--allow-sys=hostname",
      "--host",
      "127.0.0.1",
      "--port",
      String(site.port),
      bundles[site.entry],
    ],
    site.port,
    // Deno keeps its cache under DENO_DIR; nothing is fetched, the bundle holds every module.
    { env: { PATH: process.env.PATH ?? "", DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", ...site.env } },
  );
}
