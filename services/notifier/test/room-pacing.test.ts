import { describe, expect, it } from "vitest";
import { createRoomPacer } from "../src/index.ts";
import { createRoomLanes } from "../src/room-lanes.ts";

describe("createRoomPacer", () => {
  /** A clock that only moves when the pacer waits, and remembers each wait. */
  function steppedClock() {
    let now = 0;
    const waits: number[] = [];
    return {
      waits,
      clock: {
        now: () => now,
        async sleep(ms: number) {
          waits.push(ms);
          now += ms;
        },
      },
    };
  }

  it("lets a burst through at once, then paces each room on its own", async () => {
    const { clock, waits } = steppedClock();
    const pacer = createRoomPacer({ burst: 2, perSecond: 10 }, clock);
    await pacer.take("!a");
    await pacer.take("!a");
    await pacer.take("!b");
    expect(waits).toEqual([]);
    await pacer.take("!a");
    await pacer.take("!a");
    // Two more at 10 a second after the burst: 100 ms each.
    expect(waits).toEqual([100, 100]);
    expect(clock.now()).toBe(200);
  });

  it("refills a room's burst with the time that passed, never above the burst", async () => {
    const { clock, waits } = steppedClock();
    const pacer = createRoomPacer({ burst: 2, perSecond: 1 }, clock);
    await pacer.take("!a");
    await pacer.take("!a");
    await clock.sleep(60_000); // a quiet minute earns two tokens, not sixty
    waits.length = 0;
    await pacer.take("!a");
    await pacer.take("!a");
    expect(waits).toEqual([]);
    await pacer.take("!a");
    expect(waits).toEqual([1000]);
  });
});

describe("createRoomLanes", () => {
  it("runs one room's tasks in order even when an earlier one is slower or fails, and rooms side by side", async () => {
    const lanes = createRoomLanes();
    const log: string[] = [];
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(name);
        if (fail) throw new Error(name);
      };
    const runs = [lanes.run("a", task("a1", 60, true)), lanes.run("a", task("a2", 0)), lanes.run("b", task("b1", 10))];
    const outcomes = await Promise.allSettled(runs);
    expect(log).toEqual(["b1", "a1", "a2"]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
  });
});
