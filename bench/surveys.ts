import { freshDatabase, type DialectName, type TestDatabase } from "@agora/db/testing";
import { createJobQueue } from "@agora/queue";
import { SurveyDefinition, type SurveyAnswers, type SurveyDefinitionInput } from "@agora/schemas";
// Relative until bench/package.json lists @agora/surveys; computeResults and the generator are not
// part of the package's entry point.
import { computeResults, createSurvey, crossTab, submitAnswer } from "@agora/surveys";
import { answersToForm, bulkInsertAnswers, exampleSurvey, generateAnswers } from "@agora/surveys/testing";

const dialectName = (d: DialectName) => (d === "postgres" ? "PostgreSQL" : "PGlite");

export interface SubmitFigure {
  variant: string;
  perSecond: number;
  /** Plain single-row inserts into a scratch table, same database, same process, same time. */
  baselinePerSecond: number;
  answers: number;
}

export interface ResultsFigure {
  variant: string;
  answers: number;
  resultsMs: number;
  /** select count(*) over the same answers: the floor of anything that reads them. */
  countMs: number;
  /** Counting the closed answers from the jsonb at each request, as results did before migration 0008. */
  scanMs: number;
  /** A cross-tab of two single choices, and of two multiple choices (respondents counted apart). */
  crossTabMs: number;
  crossTabMultipleMs: number;
  /** Every run of computeResults, for the spread. */
  runsMs: number[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)]! + s[Math.floor(s.length / 2)]!) / 2;
};

async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  await work(); // warm-up: plans, caches, JIT of Node
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

/** Loops `work` for `seconds` in `lanes` concurrent loops (1: one member after another): calls per second. */
async function rate(
  seconds: number,
  work: (i: number) => Promise<unknown>,
  lanes = 1,
): Promise<{ perSecond: number; n: number }> {
  let n = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  const lane = async () => {
    while (performance.now() < until) await work(n++);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return { perSecond: n / ((performance.now() - started) / 1000), n };
}

/**
 * (a) Answers stored per second through submitAnswer (parse, checks, store, counts kept by the
 * triggers), beside plain single-row inserts of the same jsonb into a scratch table, `lanes` at once.
 */
async function submitRate(dialect: DialectName, seconds: number, lanes: number): Promise<SubmitFigure> {
  const t = await freshDatabase(dialect);
  try {
    const definition = exampleSurvey();
    await createSurvey({ ctx: { db: t.db }, input: { definition, state: "open" } });
    const forms = generateAnswers(definition, 2000, 7).map((a) => answersToForm(definition, a));
    // The example has no milestones, so the queue is never sent to; it need not run.
    const ctx = {
      db: t.db,
      queue: createJobQueue({ db: t.db }),
      publicUrl: "http://localhost:8080",
      now: () => new Date(),
    };
    const submitted = await rate(
      seconds,
      async (i) => {
        const result = await submitAnswer({
          ctx,
          input: { slug: definition.slug, form: forms[i % forms.length]!, ticket: { kind: "none" } },
        });
        if (!result.ok) throw new Error(`submit refused: ${result.reason}`);
      },
      lanes,
    );
    await t.db.query(
      "create table bench_scratch (id uuid primary key default gen_random_uuid(), day date not null, answers jsonb not null)",
    );
    const payload = JSON.stringify(generateAnswers(definition, 1, 9)[0]!.answers);
    const plain = await rate(
      seconds,
      () => t.db.query("insert into bench_scratch (day, answers) values (current_date, $1)", [payload]),
      lanes,
    );
    return {
      variant: `submitAnswer on ${dialectName(dialect)}${lanes > 1 ? `, ${lanes} at once` : ""}`,
      perSecond: submitted.perSecond,
      baselinePerSecond: plain.perSecond,
      answers: submitted.n,
    };
  } finally {
    await t.drop();
  }
}

/** A 20-question survey: the example's eleven and nine more of the common kinds. */
export function twentyQuestionSurvey(): SurveyDefinition {
  const example = exampleSurvey();
  const options = (ids: string[]) => ids.map((id) => ({ id, label: id }));
  const more: SurveyDefinitionInput["questions"] = [
    {
      id: "os_family",
      type: "single_choice",
      title: "Other systems you run",
      options: options(["debian", "ubuntu", "fedora", "suse", "arch", "none"]),
    },
    { id: "team_size", type: "number", integer: true, min: 1, title: "People in your team" },
    { id: "docs_rating", type: "rating", title: "The documentation" },
    { id: "support_rating", type: "rating", min: 0, max: 10, title: "Support, 0 to 10" },
    { id: "recommend_docs", type: "nps", title: "Recommend the docs?" },
    {
      id: "features",
      type: "multiple_choice",
      title: "Features you use",
      options: options(["selinux", "cockpit", "podman", "kvm", "ansible", "flatpak", "fips", "secureboot"]),
    },
    {
      id: "areas",
      type: "likert",
      title: "How good is it at",
      rows: options(["install", "upgrade", "security", "performance", "hardware"]),
      scale: options(["bad", "poor", "ok", "good", "great"]),
    },
    { id: "desktop", type: "single_choice", title: "Desktop", options: options(["gnome", "kde", "xfce", "none"]) },
    { id: "years", type: "number", integer: true, min: 0, max: 40, title: "Years using it" },
  ];
  return SurveyDefinition.parse({ ...example, slug: "bench-twenty", questions: [...example.questions, ...more] });
}

/** (b) computeResults over `answers` answers beside a plain count(*) over the same rows. */
async function resultsTime(dialect: DialectName, answers: number, runs: number): Promise<ResultsFigure> {
  const t: TestDatabase = await freshDatabase(dialect);
  try {
    const definition = twentyQuestionSurvey();
    await createSurvey({ ctx: { db: t.db }, input: { definition, state: "open" } });
    const generated: SurveyAnswers[] = generateAnswers(definition, answers, 3);
    await bulkInsertAnswers(t.db, definition.slug, generated);
    await t.db.query("analyze agora_survey_response");
    const runsMs = await timed(runs, () => computeResults(t.db, { definition }));
    const countMs = await timed(runs, () =>
      t.db.query("select count(*) from agora_survey_response where survey_slug = $1", [definition.slug]),
    );
    const closed = definition.questions
      .filter((q) => q.type !== "short_text" && q.type !== "long_text")
      .map((q) => q.id);
    const scanMs = await timed(Math.min(runs, 3), () =>
      t.db.transaction(async (tx) => {
        await tx.query("set local jit = off");
        return tx.query(
          `select e.key, e.value, count(*) from agora_survey_response r cross join lateral jsonb_each(r.answers) e
           where r.survey_slug = $1 and e.key = any($2::text[]) group by 1, 2`,
          [definition.slug, closed],
        );
      }),
    );
    // As the routes do: the results the page shows are counted once, and the cross-tab suppresses against them.
    const results = await computeResults(t.db, { definition });
    const crossTabbed = (x: string, y: string) =>
      timed(runs, () => crossTab({ ctx: { db: t.db }, input: { definition, x, y, lang: "en", results } }));
    const crossTabMs = median(await crossTabbed("usage", "satisfaction"));
    const crossTabMultipleMs = median(await crossTabbed("versions", "architectures"));
    return {
      variant: `computeResults on ${dialectName(dialect)}`,
      answers,
      resultsMs: median(runsMs),
      countMs: median(countMs),
      scanMs: median(scanMs),
      crossTabMs,
      crossTabMultipleMs,
      runsMs,
    };
  } finally {
    await t.drop();
  }
}

export async function surveysBenchmark(options: {
  seconds: number;
  answers: number;
  pgliteAnswers: number;
  runs: number;
  lanes: number;
}) {
  const submits = [
    await submitRate("postgres", options.seconds, 1),
    await submitRate("postgres", options.seconds, options.lanes),
    await submitRate("pglite", options.seconds, 1),
  ];
  const results = [
    await resultsTime("postgres", options.answers, options.runs),
    await resultsTime("pglite", options.pgliteAnswers, options.runs),
  ];
  return { submits, results };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);

/** Runs the survey benchmark and prints its two tables, each figure beside its baseline. */
export async function printSurveysBenchmark(options: Parameters<typeof surveysBenchmark>[0]): Promise<void> {
  console.log(
    `\nSurveys: answers stored through submitAnswer (the example survey, ${options.seconds} s each), beside plain single-row inserts of the same jsonb; then results of a 20-question survey (median of ${options.runs} runs) beside COUNT(*) over the same answers\n`,
  );
  const { submits, results } = await surveysBenchmark(options);
  console.log(
    `${"variant".padEnd(36)} ${"answers/s".padStart(10)} ${"inserts/s".padStart(10)} ${"×insert".padStart(9)} ${"answers".padStart(9)}`,
  );
  for (const s of submits) {
    console.log(
      `${s.variant.padEnd(36)} ${fmt(s.perSecond, 0).padStart(10)} ${fmt(s.baselinePerSecond, 0).padStart(10)} ${fmt(s.perSecond / s.baselinePerSecond, 2)} ${fmt(s.answers, 0)}`,
    );
  }
  console.log(
    `\n${"variant".padEnd(36)} ${"answers".padStart(9)} ${"results ms".padStart(10)} ${"count ms".padStart(9)} ${"×count".padStart(9)} ${"scan ms".padStart(9)} ${"×count".padStart(9)} ${"xtab ms".padStart(9)} ${"×count".padStart(9)} ${"xtab2 ms".padStart(9)}  runs ms`,
  );
  for (const r of results) {
    console.log(
      `${r.variant.padEnd(36)} ${fmt(r.answers, 0)} ${fmt(r.resultsMs).padStart(10)} ${fmt(r.countMs)} ${fmt(r.resultsMs / r.countMs, 2)} ${fmt(r.scanMs)} ${fmt(r.scanMs / r.countMs, 2)} ${fmt(r.crossTabMs)} ${fmt(r.crossTabMs / r.countMs, 2)} ${fmt(r.crossTabMultipleMs)}  ${r.runsMs.map((ms) => ms.toFixed(0)).join(" ")}`,
    );
  }
  console.log(
    "scan ms: the closed answers counted from the jsonb at each request (jsonb_each, grouped), which the counts kept by migration 0008's triggers replace",
  );
  console.log(
    "xtab ms: cross-tab of two single choices read from the answers; xtab2 ms: of two multiple choices, totals counted apart",
  );
}
