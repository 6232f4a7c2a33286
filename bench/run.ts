// `npm run bench`: each benchmark prints its figures beside a baseline measured in the same run.
import { forumsBenchmark } from "./forums.ts";
import { printFuzzBenchmark } from "./fuzz.ts";
import { intakeBenchmark } from "./intake.ts";
import { matrixBenchmark } from "./matrix.ts";
import { printRetentionBenchmark } from "./retention.ts";
import { printSurveysBenchmark } from "./surveys.ts";
import { printTriageBenchmark } from "./triage.ts";
import { printTriageRealBenchmark } from "./triage-real.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rate = Number(process.env.BENCH_RATE ?? 1000);
// GitLab sends each hook's events one at a time, but a busy instance has many hooks and projects.
const connections = Number(process.env.BENCH_CONNECTIONS ?? 128);

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);

console.log(
  `\nIntake: GitLab Issue Hook deliveries (${seconds} s at ${connections} connections; then ${rate}/s fixed rate)\n`,
);
const figures = await intakeBenchmark({ seconds, rate, connections });
const base = figures[0]!.throughput.perSecond;
console.log(
  `${"variant".padEnd(28)} ${"req/s".padStart(9)} ${"×bare".padStart(9)} ${"p50 ms".padStart(9)} ${"p99 ms".padStart(9)} | ${"fixed rate".padStart(10)} ${"p50 ms".padStart(9)} ${"p99 ms".padStart(9)}  statuses`,
);
for (const f of figures) {
  console.log(
    `${f.variant.padEnd(28)} ${fmt(f.throughput.perSecond, 0)} ${fmt(f.throughput.perSecond / base, 2)} ${fmt(f.throughput.p50)} ${fmt(f.throughput.p99)} | ${`${f.offered}/s`.padStart(10)} ${fmt(f.atRate.p50)} ${fmt(f.atRate.p99)}  ${JSON.stringify({ ...f.throughput.statuses })}`,
  );
}

const byVariant = (name: string) => figures.find((f) => f.variant === name)?.throughput.perSecond ?? NaN;
console.log(
  `\nEdge beside Node (req/s ratios): intake ${fmt(byVariant("workerd: intake, DO writer") / byVariant("intake on PostgreSQL"), 2).trim()}× the Node intake on PostgreSQL ` +
    `(${fmt(byVariant("workerd: intake, per request") / byVariant("intake on PostgreSQL"), 2).trim()}× writing on a connection per request); ` +
    `bare Hono ${fmt(byVariant("workerd: bare Hono 202") / byVariant("bare Hono 202 (baseline)"), 2).trim()}× on Node; ` +
    `under deno serve ${fmt(byVariant("deno serve: intake, pool") / byVariant("intake on PostgreSQL"), 2).trim()}× the Node intake`,
);

const matrixSeconds = Number(process.env.BENCH_MATRIX_SECONDS ?? 10);
const matrixRate = Number(process.env.BENCH_MATRIX_RATE ?? 10);
const matrixMessages = Number(process.env.BENCH_MATRIX_MESSAGES ?? 300);
console.log(
  `\nMatrix: send or enqueue → event returned by a second user's /sync long-poll (Synapse, bot's rate limits lifted; ${matrixRate}/s for ${matrixSeconds} s to one room, then ${matrixMessages} at once to 1 and to 10 rooms)\n`,
);
const matrix = await matrixBenchmark({ seconds: matrixSeconds, rate: matrixRate, messages: matrixMessages });
const direct = matrix[0]!;
console.log(
  `${"variant".padEnd(28)} ${"p50 ms".padStart(9)} ${"p99 ms".padStart(9)} | ${"1 room/s".padStart(9)} ${"×direct".padStart(9)} ${"10 rooms/s".padStart(10)} ${"×direct".padStart(9)}`,
);
for (const m of matrix) {
  console.log(
    `${m.variant.padEnd(28)} ${fmt(m.p50, 0)} ${fmt(m.p99, 0)} | ${fmt(m.oneRoom)} ${fmt(m.oneRoom / direct.oneRoom, 2)} ${fmt(m.tenRooms).padStart(10)} ${fmt(m.tenRooms / direct.tenRooms, 2)}`,
  );
}

const forumSeconds = Number(process.env.BENCH_FORUM_SECONDS ?? seconds);
const forumBatch = Number(process.env.BENCH_FORUM_BATCH ?? 40);
console.log(
  `\nForums: Discourse events routed and formatted into notify jobs (consumer accept, a transaction per ${forumBatch} events: new topic, thread reply, edit, private message; ${forumSeconds} s), beside the intake above\n`,
);
const forums = await forumsBenchmark({ seconds: forumSeconds, batch: forumBatch });
const intakePg = figures.find((f) => f.variant === "intake on PostgreSQL")!.throughput.perSecond;
console.log(
  `${"variant".padEnd(28)} ${"events/s".padStart(9)} ${"×intake".padStart(9)} ${"events".padStart(9)} ${"jobs".padStart(9)}`,
);
console.log(`${"intake on PostgreSQL (ref)".padEnd(28)} ${fmt(intakePg, 0)} ${fmt(1, 2)}`);
for (const f of forums) {
  console.log(
    `${f.variant.padEnd(28)} ${fmt(f.perSecond, 0)} ${fmt(f.perSecond / intakePg, 2)} ${fmt(f.events, 0)} ${fmt(f.jobs, 0)}`,
  );
}

printTriageBenchmark({ seconds: Math.min(seconds, 3) });

await printTriageRealBenchmark({ seconds: Number(process.env.BENCH_TRIAGE_REAL_SECONDS ?? 1) });

await printSurveysBenchmark({
  seconds: Number(process.env.BENCH_SURVEY_SECONDS ?? Math.min(seconds, 5)),
  answers: Number(process.env.BENCH_SURVEY_ANSWERS ?? 100_000),
  pgliteAnswers: Number(process.env.BENCH_SURVEY_PGLITE_ANSWERS ?? process.env.BENCH_SURVEY_ANSWERS ?? 100_000),
  runs: Number(process.env.BENCH_SURVEY_RUNS ?? 5),
  lanes: Number(process.env.BENCH_SURVEY_LANES ?? 8),
});

const fuzzSeconds = Number(process.env.BENCH_FUZZ_SECONDS ?? 120);
console.log(
  `\nFuzz: hostile GitLab and Discourse deliveries, then survey form posts, in concurrent batches against agora start on PostgreSQL (${fuzzSeconds} s; the test suite runs the same fuzzer for a few thousand cases)\n`,
);
await printFuzzBenchmark({
  seconds: fuzzSeconds,
  ...(process.env.AGORA_FUZZ_SEED && { seed: Number(process.env.AGORA_FUZZ_SEED) }),
});

const retentionRows = Number(process.env.BENCH_RETENTION_ROWS ?? 100_000);
console.log(`\nInbox retention on PostgreSQL: deleting a backlog of final deliveries while intake stores new ones\n`);
await printRetentionBenchmark({ rows: retentionRows, seconds: Math.min(seconds, 5), connections: 64 });
