import type { ForumRule } from "@agora/schemas";
import { describe, expect, it } from "vitest";
import { routeRooms, ruleMatches } from "../src/index.ts";

const place = (categoryId: number, categorySlug: string | undefined, tags: string[] = []) => ({
  categoryId,
  categorySlug,
  tags,
});

describe("rule matching", () => {
  it("matches a category by id or by slug, and by any of its tags when it lists some", () => {
    expect(ruleMatches({ category: 7, filter: "watch", room: "#a:x.org" }, place(7, "project"))).toBe(true);
    expect(ruleMatches({ category: "project", filter: "watch", room: "#a:x.org" }, place(7, "project"))).toBe(true);
    expect(ruleMatches({ category: "project", filter: "watch", room: "#a:x.org" }, place(7, undefined))).toBe(false);
    expect(ruleMatches({ category: 8, filter: "watch", room: "#a:x.org" }, place(7, "project"))).toBe(false);
    const tagged: ForumRule = { category: 7, tags: ["aws", "gcp"], filter: "watch", room: "#a:x.org" };
    expect(ruleMatches(tagged, place(7, "project", ["GCP"]))).toBe(true);
    expect(ruleMatches(tagged, place(7, "project", ["azure"]))).toBe(false);
    expect(ruleMatches(tagged, place(7, "project"))).toBe(false);
  });
});

describe("routing", () => {
  const rules: ForumRule[] = [
    { category: 7, filter: "follow", room: "#one:x.org" },
    { category: 7, filter: "watch", room: "#one:x.org" },
    { category: "project", filter: "thread", room: "#two:x.org" },
    { category: 7, tags: ["docs"], filter: "watch", room: "#two:x.org" },
    { category: 7, tags: ["quiet"], filter: "mute", room: "#two:x.org" },
    { category: 9, filter: "watch", room: "#three:x.org" },
  ];

  it("gives each room the strongest filter of the rules that match it: mute > thread > watch > follow", () => {
    expect(routeRooms(rules, place(7, "project"))).toEqual(
      new Map([
        ["#one:x.org", "watch"],
        ["#two:x.org", "thread"],
      ]),
    );
    expect(routeRooms(rules, place(7, "project", ["docs"]))).toEqual(
      new Map([
        ["#one:x.org", "watch"],
        ["#two:x.org", "thread"],
      ]),
    );
    expect(routeRooms(rules, place(7, "project", ["quiet"]))).toEqual(new Map([["#one:x.org", "watch"]]));
    expect(routeRooms(rules, place(9, "other"))).toEqual(new Map([["#three:x.org", "watch"]]));
    expect(routeRooms(rules, place(10, "nothing"))).toEqual(new Map());
  });

  it("lets a mute rule without a room silence its category everywhere", () => {
    expect(routeRooms([...rules, { category: 7, filter: "mute" }], place(7, "project"))).toEqual(new Map());
    expect(routeRooms([...rules, { category: 7, tags: ["off"], filter: "mute" }], place(7, "project")).size).toBe(2);
  });
});
