import { NotifyDedupeKey } from "@agora/schemas";
import { describe, expect, it } from "vitest";
import { editKey, postKey, redactKey } from "../src/index.ts";

const p = {
  instance: "https://discussion.fedoraproject.org",
  postId: 79563,
  room: "#docs:fedoraproject.org",
  generation: 0,
};

describe("dedupe keys", () => {
  it("depend on instance, post, room, generation and version, and on nothing else", () => {
    expect(postKey(p, 1)).toBe(postKey({ ...p }, 1));
    const others = [
      postKey({ ...p, instance: "https://forum.example.org" }, 1),
      postKey({ ...p, postId: 79564 }, 1),
      postKey({ ...p, room: "#other:fedoraproject.org" }, 1),
      postKey({ ...p, generation: 1 }, 1),
      postKey(p, 2),
      editKey(p, 1, "2023-02-09T10:19:46.324Z"),
      editKey(p, 1, "2023-02-09T10:20:46.324Z"),
      redactKey(p),
    ];
    expect(new Set([postKey(p, 1), ...others]).size).toBe(others.length + 1);
  });

  it("stay valid notify keys for long instance and room names", () => {
    const long = {
      ...p,
      instance: `https://${"a".repeat(300)}.org`,
      room: `#${"r".repeat(250)}:x.org`,
      postId: Number.MAX_SAFE_INTEGER,
    };
    for (const key of [postKey(long, 99), editKey(long, 99, "2023-02-09T10:19:46.324Z"), redactKey(long)]) {
      expect(NotifyDedupeKey.safeParse(key).success).toBe(true);
    }
  });
});
