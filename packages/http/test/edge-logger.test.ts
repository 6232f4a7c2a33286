import { afterEach, describe, expect, it, vi } from "vitest";
import { createEdgeLogger } from "../src/edge.ts";

// The edge bundle takes pino's browser build (esbuild's browser platform); so does this test.
vi.mock("pino", async () => ({
  default: ((await import("pino/browser.js" as string)) as { default: unknown }).default,
}));

describe("the edge logger", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes one JSON line per entry, an error with its type, message and stack", () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    createEdgeLogger("info").error({ err: new TypeError("socket closed"), requestId: "r1" }, "unhandled error");
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? "") as { err: { type: string; msg: string; stack: string } };
    expect(entry).toMatchObject({ requestId: "r1", err: { type: "TypeError", msg: "socket closed" } });
    expect(entry.err.stack).toContain("socket closed");
  });

  it("leaves out entries below its level", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    createEdgeLogger("warn").info("not shown");
    expect(log).not.toHaveBeenCalled();
  });
});
