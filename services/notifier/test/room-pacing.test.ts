import { describe, expect, it } from "vitest";
import { createRoomPacer } from "../src/index.ts";
import { createRoomLanes } from "../src/room-lanes.ts";

describe("createRoomPacer", () => {
  it("lets a burst through at once, then paces each room on its own", async () => {
    const pacer = createRoomPacer({ burst: 2, perSecond: 10 });
    const started = Date.now();
    await pacer.take("!a");
    await pacer.take("!a");
    await pacer.take("!b");
    expect(Date.now() - started).toBeLessThan(50);
    await pacer.take("!a");
    await pacer.take("!a");
    // Two more at 10 a second after the burst: about 200 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });
});

describe("createRoomLanes", () => {
  it("runs one room's tasks in order even when an earlier one is slower or fails, and rooms side by side", async () => {
    const lanes = createRoomLanes();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(name);
      if (fail) throw new Error(name);
    };
    const runs = [
      lanes.run("a", task("a1", 60, true)),
      lanes.run("a", task("a2", 0)),
      lanes.run("b", task("b1", 10)),
    ];
    const outcomes = await Promise.allSettled(runs);
    expect(log).toEqual(["b1", "a1", "a2"]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
  });
});
