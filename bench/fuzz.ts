// The hostile-input fuzzer of the test suite, run for a time instead of a count, with larger
// values (strings of a megabyte, nesting a million deep) and larger concurrent batches.
import { createLedger } from "../test/e2e/fuzz/fuzz-campaign.ts";
import { fuzzSurveyPosts, fuzzWebhooks, type RunResult } from "../test/e2e/fuzz/fuzz-runs.ts";
import { startFuzzTarget } from "../test/e2e/fuzz/fuzz-target.ts";

export interface FuzzBenchOptions {
  seconds: number;
  seed?: number;
}

function printRun(name: string, r: RunResult): void {
  const statuses = Object.entries(r.statuses)
    .map(([code, n]) => `${code === "0" ? "no answer" : code} ×${n}`)
    .join(", ");
  console.log(`${name} (seed ${r.seed})`);
  console.log(`  cases ${r.cases} in ${r.batches} concurrent batches, ${r.requests} requests`);
  console.log(`  statuses ${statuses}`);
  if (r.inbox) {
    console.log(
      `  inbox rows ${r.inbox.rows}: lost ${r.inbox.lost}, unauthorized rows ${r.inbox.unauthorizedRows}, non-final rows ${r.inbox.nonFinal}, stored twice ${r.inbox.duplicated}`,
    );
    console.log(`  outcomes ${JSON.stringify(r.inbox.outcomes)}`);
  }
  if (r.answers) console.log(`  answers stored ${r.answers.stored}, posts answered 303 ${r.answers.accepted}`);
  console.log(`  failures ${r.failures.length}${r.failures.map((f) => `\n    - ${f}`).join("")}`);
}

/** Runs both fuzzers against `agora start` on a fresh PostgreSQL database and prints their counts. */
export async function printFuzzBenchmark(options: FuzzBenchOptions): Promise<void> {
  const target = await startFuzzTarget();
  try {
    const ledger = createLedger(target);
    const webhooks = await fuzzWebhooks(ledger, {
      batches: Number.MAX_SAFE_INTEGER,
      timeLimitMs: options.seconds * 750,
      maxBatch: 64,
      seed: options.seed,
      limits: { maxString: 1_000_000, maxDepth: 1_000_000, maxHeader: 3500 },
      settleMs: 120_000,
    });
    printRun("webhooks", webhooks);
    const surveys = await fuzzSurveyPosts(ledger, {
      batches: Number.MAX_SAFE_INTEGER,
      timeLimitMs: options.seconds * 250,
      maxBatch: 48,
      seed: options.seed,
      limits: { maxText: 600_000 },
    });
    printRun("survey posts", surveys);
  } finally {
    const code = await target.close();
    console.log(`server exit code on SIGTERM: ${code}`);
  }
}

if (import.meta.main) {
  await printFuzzBenchmark({
    seconds: Number(process.env.BENCH_FUZZ_SECONDS ?? 120),
    ...(process.env.AGORA_FUZZ_SEED && { seed: Number(process.env.AGORA_FUZZ_SEED) }),
  });
}
