// The two fuzz runs, each from generation to verdict, shared by the test suite and the bench.
import { replayAlone, runCampaign, statusCounts, type Ledger, type Outcome } from "./fuzz-campaign.ts";
import { describeFailures, groupViolations, type Replayed, type ViolationGroup } from "./fuzz-report.ts";
import { judgeInbox, settleInbox, storedRows } from "./inbox-check.ts";
import { buildSurveyPost, surveyRecipeArb, type SurveyLimits } from "./survey-cases.ts";
import { buildWebhook, webhookRecipeArb, type WebhookLimits } from "./webhook-cases.ts";

export interface RunOptions {
  batches: number;
  maxBatch: number;
  seed?: number;
  timeLimitMs?: number;
}

export interface RunResult {
  seed: number;
  batches: number;
  cases: number;
  requests: number;
  statuses: Record<string, number>;
  /** Webhooks only: what the inbox holds against what was sent. */
  inbox?: {
    rows: number;
    lost: number;
    unauthorizedRows: number;
    duplicated: number;
    nonFinal: number;
    outcomes: Record<string, number>;
  };
  /** Surveys only: answers stored against 303s given. */
  answers?: { stored: number; accepted: number };
  /** Empty when every case kept its expectation; otherwise one line per kind of failure. */
  failures: string[];
}

function crashed(ledger: Ledger): string[] {
  const { agora } = ledger.target;
  if (agora.child.exitCode === null && agora.child.signalCode === null) return [];
  return [
    `the server exited (code ${agora.child.exitCode}, signal ${agora.child.signalCode}); its last output: ${agora.output().slice(-2000)}`,
  ];
}

/**
 * Sends a sample of each group's cases again, one at a time: a case that fails alone is a cause,
 * one that passes alone failed because of what it was batched with.
 */
async function replays(ledger: Ledger, groups: readonly ViolationGroup[], sample = 12): Promise<Map<string, Replayed>> {
  const result = new Map<string, Replayed>();
  for (const g of groups) {
    // Spread over the group (sorted by description length), so long recipes are tried as well as short ones.
    const step = Math.max(1, g.members.length / sample);
    const picked = [
      ...new Set(
        Array.from({ length: Math.min(sample, g.members.length) }, (_, i) => g.members[Math.floor(i * step)]!),
      ),
    ];
    const replayed: Replayed = { failAlone: [], passAlone: [] };
    for (const original of picked)
      ((await replayAlone(ledger, original)).violation ? replayed.failAlone : replayed.passAlone).push(original);
    result.set(g.problem, replayed);
  }
  return result;
}

function totals(outcomes: readonly Outcome[]) {
  return {
    cases: outcomes.length,
    requests: outcomes.reduce((n, o) => n + o.statuses.length, 0),
    statuses: statusCounts(outcomes),
  };
}

/**
 * GitLab and Discourse deliveries, valid and hostile, in concurrent batches; then the workers
 * are given until `settleMs` to finish with every stored row.
 */
export async function fuzzWebhooks(
  ledger: Ledger,
  options: RunOptions & { limits: WebhookLimits; settleMs: number },
): Promise<RunResult> {
  const first = ledger.outcomes.length;
  const run = await runCampaign({ ledger, recipes: webhookRecipeArb(options.limits), build: buildWebhook, ...options });
  const sent = ledger.outcomes.slice(first);
  const groups = groupViolations(sent, ledger.target.logLines());
  const alone = await replays(ledger, groups);
  const pending = await settleInbox(ledger.target, options.settleMs);
  const webhooks = ledger.outcomes.filter((o) => o.case.family !== "survey");
  const inbox = judgeInbox(webhooks, await storedRows(ledger.target), pending);
  return {
    ...run,
    ...totals(sent),
    inbox: {
      rows: inbox.rows,
      lost: inbox.lost.length,
      unauthorizedRows: inbox.unauthorizedRows.length,
      duplicated: inbox.duplicated.length,
      nonFinal: inbox.nonFinal.length,
      outcomes: inbox.outcomes,
    },
    failures: [
      ...crashed(ledger),
      ...describeFailures({ groups, replays: alone, inbox, logs: ledger.target.logLines() }),
    ],
  };
}

/** Form posts to the example survey: valid answers, and the same answers damaged. */
export async function fuzzSurveyPosts(
  ledger: Ledger,
  options: RunOptions & { limits: SurveyLimits },
): Promise<RunResult> {
  const first = ledger.outcomes.length;
  const origin = new URL(ledger.target.url).origin;
  const run = await runCampaign({
    ledger,
    recipes: surveyRecipeArb(options.limits),
    build: (recipe, marker, serial) => buildSurveyPost(recipe, marker, serial, origin),
    ...options,
  });
  const sent = ledger.outcomes.slice(first);
  const groups = groupViolations(sent, ledger.target.logLines());
  const alone = await replays(ledger, groups);
  const posts = ledger.outcomes.filter((o) => o.case.family === "survey");
  const accepted = posts
    .filter((o) => o.case.path === "/s/example")
    .reduce((n, o) => n + o.statuses.filter((s) => s === 303).length, 0);
  const { rows } = await ledger.target.db.query<{ n: number }>(
    "select count(*)::int as n from agora_survey_response where survey_slug = 'example'",
  );
  const stored = rows[0]!.n;
  const failures = [
    ...crashed(ledger),
    ...describeFailures({ groups, replays: alone, logs: ledger.target.logLines() }),
  ];
  if (stored !== accepted) failures.push(`answers: ${stored} stored, but ${accepted} posts were answered 303`);
  return { ...run, ...totals(sent), answers: { stored, accepted }, failures };
}
