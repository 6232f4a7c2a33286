import type { ForumRule } from "@agora/schemas";
import { describe, expect, it } from "vitest";
import { topicKeptBack } from "../src/privacy.ts";

const rules: ForumRule[] = [
  { category: "project", filter: "thread", room: "#docs:example.org" },
  { category: 5, filter: "follow", room: "#announce:example.org" },
];
const shown = { archetype: "regular", visible: true, categoryId: 5, categorySlug: undefined };

describe("topicKeptBack", () => {
  it("keeps back a private message, an unlisted topic, and one in a category no rule names", () => {
    expect(topicKeptBack(shown, rules)).toBeUndefined();
    expect(topicKeptBack({ ...shown, archetype: "private_message" }, rules)).toBe("became a private message");
    expect(topicKeptBack({ ...shown, visible: false }, rules)).toBe("unlisted");
    expect(topicKeptBack({ ...shown, categoryId: 3 }, rules)).toBe("moved to category 3, which no rule names");
    expect(topicKeptBack({ ...shown, categoryId: null }, rules)).toBe("no category");
  });

  it("reads a category by the slug learned from its posts, and keeps it back while none is known", () => {
    expect(topicKeptBack({ ...shown, categoryId: 7, categorySlug: "project" }, rules)).toBeUndefined();
    expect(topicKeptBack({ ...shown, categoryId: 7 }, rules)).toBe("moved to category 7, which no rule names");
  });
});
