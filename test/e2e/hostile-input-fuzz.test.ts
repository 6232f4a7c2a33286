import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLedger, type Ledger } from "./fuzz/fuzz-campaign.ts";
import { fuzzSurveyPosts, fuzzWebhooks, type RunResult } from "./fuzz/fuzz-runs.ts";
import { startFuzzTarget, type FuzzTarget } from "./fuzz/fuzz-target.ts";

// A failing run prints its seed; AGORA_FUZZ_SEED=<seed> replays the same cases.
const seed = process.env.AGORA_FUZZ_SEED ? Number(process.env.AGORA_FUZZ_SEED) : undefined;

function print(name: string, result: RunResult): void {
  console.log(
    `${name}: seed ${result.seed}, ${result.cases} cases in ${result.batches} batches (${result.requests} requests), statuses ${JSON.stringify(result.statuses)}` +
      (result.inbox ? `, inbox ${JSON.stringify(result.inbox)}` : "") +
      (result.answers ? `, answers ${JSON.stringify(result.answers)}` : ""),
  );
}

describe("hostile input to agora start on PostgreSQL", () => {
  let target: FuzzTarget;
  let ledger: Ledger;

  beforeAll(async () => {
    target = await startFuzzTarget();
    ledger = createLedger(target);
  });

  afterAll(async () => {
    expect(await target?.close()).toBe(0);
  });

  it("webhooks: no 5xx, every valid delivery 202 and stored, nothing stored unauthenticated, every row final", async () => {
    const result = await fuzzWebhooks(ledger, {
      batches: 90,
      maxBatch: 40,
      seed,
      limits: { maxString: 200_000, maxDepth: 50_000, maxHeader: 3500 },
      settleMs: 60_000,
    });
    print("webhooks", result);
    expect(result.cases).toBeGreaterThan(1000);
    expect(result.failures, `seed ${result.seed}`).toEqual([]);
  });

  it("survey posts: no 5xx, valid answers stored and nothing else", async () => {
    const result = await fuzzSurveyPosts(ledger, { batches: 60, maxBatch: 30, seed, limits: { maxText: 300_000 } });
    print("survey posts", result);
    expect(result.cases).toBeGreaterThan(400);
    expect(result.failures, `seed ${result.seed}`).toEqual([]);
  });
});
