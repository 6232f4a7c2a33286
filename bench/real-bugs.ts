import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The fields the bench reads from a line of bench/datasets/mozilla-bugs-2018.jsonl (see its README). */
export type RealBug = { id: number; title: string; description: string; product: string; component: string };

function asRealBug(json: unknown): RealBug | string {
  const o = (json ?? {}) as Record<string, unknown>;
  if (!Number.isInteger(o.id)) return "id is not an integer";
  for (const key of ["title", "description", "product", "component"]) {
    if (typeof o[key] !== "string") return `${key} is not a string`;
  }
  return {
    id: o.id as number,
    title: o.title as string,
    description: o.description as string,
    product: o.product as string,
    component: o.component as string,
  };
}

export const MOZILLA_BUGS = fileURLToPath(new URL("./datasets/mozilla-bugs-2018.jsonl", import.meta.url));

/** The shared file, or another tracker's export in the same shape (`BENCH_TRIAGE_REAL_FILE`). */
export function realBugsFile(): string {
  return process.env.BENCH_TRIAGE_REAL_FILE || MOZILLA_BUGS;
}

export function loadRealBugs(file = MOZILLA_BUGS): RealBug[] {
  if (!existsSync(file))
    throw new Error(`${file} is missing: the real-data triage bench needs it (bench/datasets/README.md)`);
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const bug = asRealBug(JSON.parse(line));
      if (typeof bug === "string") throw new Error(`${file} line ${i + 1}: ${bug}`);
      return bug;
    });
}

/** FNV-1a of the decimal id: a bug's side of the split depends on its id alone, not on the file's order. */
export function idHash(id: number): number {
  let h = 0x811c9dc5;
  for (const c of String(id)) {
    h ^= c.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Deterministic split: a bug trains when its id hashes below `trainPercent` of 100 buckets. */
export function splitById<T extends { id: number }>(items: T[], trainPercent = 80): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  for (const item of items) (idHash(item.id) % 100 < trainPercent ? train : test).push(item);
  return { train, test };
}

export type LabelledBug = RealBug & { label: string };

/**
 * The two routing tasks: every bug by product, and by product/component for the pairs with at least
 * `minComponentBugs` bugs in the whole file ("General" exists in several products, so the pair is the label).
 */
export function routingTasks(bugs: RealBug[], minComponentBugs = 15): { name: string; bugs: LabelledBug[] }[] {
  const component = (b: RealBug) => `${b.product} / ${b.component}`;
  const counts = new Map<string, number>();
  for (const b of bugs) counts.set(component(b), (counts.get(component(b)) ?? 0) + 1);
  return [
    { name: "product", bugs: bugs.map((b) => ({ ...b, label: b.product })) },
    {
      name: `component (≥ ${minComponentBugs} bugs)`,
      bugs: bugs
        .filter((b) => counts.get(component(b))! >= minComponentBugs)
        .map((b) => ({ ...b, label: component(b) })),
    },
  ];
}
