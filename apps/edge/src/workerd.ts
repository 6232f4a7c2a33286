import { dirname, join } from "node:path";
import { buildEdge, type WorkerdSite } from "./build.ts";
import { startChild, type Child } from "./child.ts";

const workerdBinary = join(dirname(new URL(import.meta.resolve("workerd")).pathname), "..", "bin", "workerd");

/** Builds the workers into `outDir` and serves `sites` in workerd (from npm); resolves once every port answers. */
export async function startWorkerd(outDir: string, sites: readonly WorkerdSite[]): Promise<Child> {
  const config = await buildEdge(outDir, sites);
  const [first, ...rest] = sites;
  if (!first) throw new Error("workerd needs at least one site");
  const child = await startChild(workerdBinary, ["serve", config], first.port);
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
