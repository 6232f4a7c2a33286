import { createRequire } from "node:module";
import { buildEdge, type WorkerdSite } from "./build.ts";
import { startChild, type Child } from "./child.ts";

/**
 * The platform's binary, as the `workerd` package finds it (its `@cloudflare/workerd-<os>-<arch>`
 * dependency): its own `bin/workerd` is a Node script until its install script replaces it, and
 * npm may not run install scripts.
 */
function workerdBinary(): string {
  const path: unknown = (createRequire(import.meta.url)("workerd") as { default?: unknown }).default;
  if (typeof path !== "string") throw new Error("the workerd package did not name its binary");
  return path;
}

/** Builds the workers into `outDir` and serves `sites` in workerd (from npm); resolves once every port answers. */
export async function startWorkerd(outDir: string, sites: readonly WorkerdSite[]): Promise<Child> {
  const config = await buildEdge(outDir, sites);
  const [first, ...rest] = sites;
  if (!first) throw new Error("workerd needs at least one site");
  const child = await startChild(workerdBinary(), ["serve", config], first.port);
  for (const site of rest) await waitForPort(child, site.port);
  return child;
}

async function waitForPort(child: Child, port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`workerd not listening on ${port}:\n${child.output()}`);
}
