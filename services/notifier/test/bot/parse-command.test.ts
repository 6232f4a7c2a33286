import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/bot/parse-command.ts";

describe("parseCommand", () => {
  it("reads the name and arguments after the prefix", () => {
    expect(parseCommand("!agora triage 1234  cloud")).toEqual({ name: "triage", args: ["1234", "cloud"] });
    expect(parseCommand("  !AGORA Status\n")).toEqual({ name: "status", args: [] });
  });

  it("takes the prefix alone as a request for help", () => {
    expect(parseCommand("!agora")).toEqual({ name: "help", args: [] });
  });

  it("reads the shorthand `!<name>` and marks it", () => {
    expect(parseCommand("!triage distro/bugs#12 sig cloud")).toEqual({
      name: "triage",
      args: ["distro/bugs#12", "sig", "cloud"],
      shorthand: true,
    });
  });

  it("ignores ordinary chat and words that only start like a command", () => {
    expect(parseCommand("hello !agora help")).toBeUndefined();
    expect(parseCommand("! triage")).toBeUndefined();
    expect(parseCommand("!!!")).toBeUndefined();
    expect(parseCommand("")).toBeUndefined();
  });

  it("skips the quoted fallback that older clients put before a reply", () => {
    expect(parseCommand("> <@lead:example.org> the build broke\n> again\n\n!agora status")).toEqual({
      name: "status",
      args: [],
    });
    expect(parseCommand("> <@lead:example.org> !agora help")).toBeUndefined();
  });
});
