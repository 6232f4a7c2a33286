import { readdirSync, readFileSync } from "node:fs";

const root = new URL("./fixtures/", import.meta.url);

/** A fresh copy on every call, so a test may mutate what it gets. */
export function readFixture(path: string): unknown {
  return JSON.parse(readFileSync(new URL(path, root), "utf8"));
}

export function fixtureNames(folder: string): string[] {
  return readdirSync(new URL(`${folder}/`, root)).filter((name) => name.endsWith(".json"));
}

/** A stored Discourse delivery: the headers it came with and its body. */
export interface DiscourseDelivery {
  headers: Record<string, string>;
  body: Record<string, unknown>;
}
