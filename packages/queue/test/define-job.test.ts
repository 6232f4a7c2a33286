import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defaultJobSettings, defineJob } from "../src/index.ts";

describe("defineJob", () => {
  it("fills in the default retry policy and names the dead-letter queue", () => {
    const job = defineJob({ name: "notify/matrix", data: z.object({}), retryLimit: 3, heartbeatSeconds: undefined });
    expect(job.deadLetterName).toBe("notify/matrix.dead");
    expect(job.settings).toEqual({ ...defaultJobSettings, retryLimit: 3 });
  });

  it("refuses a name pg-boss would refuse, when the module loads rather than at the first send", () => {
    expect(() => defineJob({ name: "triage label", data: z.object({}) })).toThrow(/may only contain/);
  });

  it("refuses a heartbeat pg-boss would refuse", () => {
    expect(() => defineJob({ name: "quick", data: z.object({}), heartbeatSeconds: 5 })).toThrow(/at least 10/);
  });
});
