// `npm run bench`: each benchmark prints its figures beside a baseline measured in the same run.
import { intakeBenchmark } from "./intake.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rate = Number(process.env.BENCH_RATE ?? 1000);
// GitLab sends each hook's events one at a time, but a busy instance has many hooks and projects.
const connections = Number(process.env.BENCH_CONNECTIONS ?? 128);

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);

console.log(`\nIntake: GitLab Issue Hook deliveries (${seconds} s at ${connections} connections; then ${rate}/s fixed rate)\n`);
const figures = await intakeBenchmark({ seconds, rate, connections });
const base = figures[0]!.throughput.perSecond;
console.log(`${"variant".padEnd(28)} ${"req/s".padStart(9)} ${"×bare".padStart(9)} ${"p50 ms".padStart(9)} ${"p99 ms".padStart(9)} | ${"fixed rate".padStart(10)} ${"p50 ms".padStart(9)} ${"p99 ms".padStart(9)}  statuses`);
for (const f of figures) {
  console.log(
    `${f.variant.padEnd(28)} ${fmt(f.throughput.perSecond, 0)} ${fmt(f.throughput.perSecond / base, 2)} ${fmt(f.throughput.p50)} ${fmt(f.throughput.p99)} | ${`${f.offered}/s`.padStart(10)} ${fmt(f.atRate.p50)} ${fmt(f.atRate.p99)}  ${JSON.stringify({ ...f.throughput.statuses })}`,
  );
}
