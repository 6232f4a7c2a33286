import { describe, expect, it } from "vitest";
import { createPermissions } from "../../src/bot/permissions.ts";
import { testCommunity } from "./community.ts";

describe("createPermissions", () => {
  const permissions = createPermissions(testCommunity());

  it("lets leads, triagers and bot admins invite the bot, nobody else", () => {
    for (const user of ["@lead:example.org", "@triager:example.org", "@hpc-lead:example.org", "@admin:example.org"]) {
      expect(permissions.canInvite(user)).toBe(true);
    }
    expect(permissions.canInvite("@stranger:example.org")).toBe(false);
    expect(permissions.canInvite("@lead:elsewhere.org")).toBe(false);
  });

  it("tells a SIG's staff from another SIG's", () => {
    expect(permissions.isSigStaff("@triager:example.org", "cloud")).toBe(true);
    expect(permissions.isSigStaff("@triager:example.org", "hpc")).toBe(false);
    expect(permissions.isSigStaff("@triager:example.org", "no-such-sig")).toBe(false);
    expect(permissions.isSigStaff("@admin:example.org")).toBe(false);
    expect(permissions.isBotAdmin("@admin:example.org")).toBe(true);
  });
});
