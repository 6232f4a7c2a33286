import { expect } from "vitest";

/** Every attribute of every tag named `tag`, as plain objects (values unescaped enough for ids and names). */
export function tags(page: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const m of page.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "g"))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1]!.matchAll(/([a-z-]+)(?:="([^"]*)")?/g))
      attrs[a[1]!] = (a[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
    found.push(attrs);
  }
  return found;
}

/** Every visible control has an id, a `<label for>` naming it, and every `aria-describedby` id exists. */
export function expectEveryControlLabelled(page: string): void {
  const ids = new Set(
    tags(page, "[a-z0-9]+")
      .map((a) => a.id)
      .filter(Boolean),
  );
  const labelled = new Set(tags(page, "label").map((a) => a.for));
  const controls = [
    ...tags(page, "input").filter((a) => a.type !== "hidden"),
    ...tags(page, "select"),
    ...tags(page, "textarea"),
  ];
  expect(controls.length).toBeGreaterThan(0);
  for (const control of controls) {
    expect(control.id, `${JSON.stringify(control)} has an id`).toBeTruthy();
    expect(labelled.has(control.id!), `${control.id} has a label`).toBe(true);
    for (const ref of (control["aria-describedby"] ?? "").split(" ").filter(Boolean)) {
      expect(ids.has(ref), `${control.id} is described by ${ref}, which exists`).toBe(true);
    }
  }
  const all = tags(page, "[a-z0-9]+")
    .map((a) => a.id)
    .filter(Boolean);
  expect(new Set(all).size, "ids are unique").toBe(all.length);
}

/** What a control holds in the page: whether a radio or checkbox is checked, an input's value. */
export function control(page: string, id: string): Record<string, string> {
  const found = [...tags(page, "input"), ...tags(page, "select"), ...tags(page, "textarea")].find((a) => a.id === id);
  if (!found) throw new Error(`no control #${id}`);
  return found;
}
