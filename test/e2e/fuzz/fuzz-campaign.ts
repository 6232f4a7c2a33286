import fc from "fast-check";
import type { FuzzTarget } from "./fuzz-target.ts";
import { markerFor, type HttpCase } from "./http-case.ts";
import { exchange, type Answer } from "./http-exchange.ts";

/** A case once sent: its bytes are dropped (a long run would hold gigabytes), `rebuild` makes them again. */
export type SentCase = Omit<HttpCase, "body" | "headers">;

/** What became of one case: every answer it got, and how to build it again under a new marker. */
export interface Outcome {
  case: SentCase;
  /** One per send: the status, or 0 when no answer came. */
  statuses: number[];
  errors: string[];
  /** Sends after which the server dropped a connection it had said it would keep. */
  dropped: string[];
  /** What was wrong with the answers, if anything. */
  violation?: string;
  rebuild(marker: string, serial: number): HttpCase;
}

/** Every case sent to one target, with the serial that makes markers and keys unique. */
export interface Ledger {
  target: FuzzTarget;
  outcomes: Outcome[];
  nextSerial(): number;
}

export function createLedger(target: FuzzTarget): Ledger {
  let serial = 0;
  return { target, outcomes: [], nextSerial: () => ++serial };
}

export interface CampaignOptions<R> {
  ledger: Ledger;
  recipes: fc.Arbitrary<R>;
  build(recipe: R, marker: string, serial: number): HttpCase;
  /** Batches to send; each batch goes out at once, so the server's group commits mix its cases. */
  batches: number;
  maxBatch: number;
  seed?: number;
  /** Stops early after this long (the bench runs for a time rather than a count). */
  timeLimitMs?: number;
}

/** Why these answers break the case's expectation, or undefined when they keep it. */
export function judge(
  c: SentCase,
  statuses: readonly number[],
  errors: readonly string[],
  dropped: readonly string[] = [],
): string | undefined {
  const e = c.expect;
  const resetAllowed =
    e.kind === "refused" && e.orReset && errors.every((code) => code === "ECONNRESET" || code === "EPIPE");
  if (errors.length && !resetAllowed) return `no answer (${errors[0]})`;
  for (const status of statuses) {
    if (status === 0) continue;
    if (status >= 500) return `answered ${status}`;
    if ((e.kind === "delivery" || e.kind === "answer" || e.kind === "refused") && status !== e.status) {
      return `expected ${e.status}${e.kind === "refused" ? ` (${e.reason})` : ""}, answered ${status}`;
    }
    if (e.kind === "refused-4xx" && (status < 400 || status > 499))
      return `expected a 4xx (${e.reason}), answered ${status}`;
  }
  if (dropped.length)
    return `answered ${statuses[0]} keeping the connection, then closed it (the next request on it: ${dropped[0]})`;
  return undefined;
}

/** Sends every case of a batch at the same moment (a twice-sent case twice) and records the answers. */
export async function sendBatch(
  ledger: Ledger,
  built: { case: HttpCase; rebuild: Outcome["rebuild"] }[],
): Promise<Outcome[]> {
  const sends = built.flatMap((b) => Array.from({ length: b.case.sends }, () => b));
  const answers = await Promise.all(sends.map((b) => exchange(ledger.target.url, b.case)));
  const outcomes = built.map((b) => {
    const mine: Answer[] = answers.filter((_, i) => sends[i] === b);
    const statuses = mine.map((a) => a.status);
    const errors = mine.flatMap((a) => (a.error ? [a.error] : []));
    const dropped = mine.flatMap((a) => (a.dropped ? [a.dropped] : []));
    const { body: _body, headers: _headers, ...sent } = b.case;
    const outcome: Outcome = { case: sent, statuses, errors, dropped, rebuild: b.rebuild };
    const violation = judge(b.case, statuses, errors, dropped);
    if (violation) outcome.violation = violation;
    return outcome;
  });
  ledger.outcomes.push(...outcomes);
  return outcomes;
}

/**
 * Generates batches of recipes with fast-check and sends each batch at once. The property
 * records instead of failing: one run then shows every kind of failure the seed reaches, and
 * the tests judge the whole ledger (statuses, then what the database holds).
 */
export async function runCampaign<R>(options: CampaignOptions<R>): Promise<{ seed: number; batches: number }> {
  const { ledger } = options;
  const seed = options.seed ?? Date.now() % 2 ** 31;
  let batches = 0;
  // fast-check stops waiting for the property at the time limit but does not cancel it: the batch
  // in flight then is awaited here, so that nothing is still being sent once the campaign returns.
  let inFlight: Promise<unknown> = Promise.resolve();
  const batch = fc
    .integer({ min: 1, max: options.maxBatch })
    .chain((n) => fc.array(options.recipes, { minLength: n, maxLength: n }));
  await fc.assert(
    fc.asyncProperty(batch, async (recipes) => {
      batches++;
      const built = recipes.map((recipe) => {
        const serial = ledger.nextSerial();
        return {
          case: options.build(recipe, markerFor(serial), serial),
          rebuild: (marker: string, s: number) => options.build(recipe, marker, s),
        };
      });
      inFlight = sendBatch(ledger, built);
      await inFlight;
    }),
    {
      numRuns: options.batches,
      seed,
      endOnFailure: true,
      ...(options.timeLimitMs !== undefined && {
        interruptAfterTimeLimit: options.timeLimitMs,
        markInterruptAsFailure: false,
      }),
    },
  );
  await inFlight;
  return { seed, batches };
}

/** Sends one case alone, under a new marker: does it fail by itself, or only beside others? */
export async function replayAlone(ledger: Ledger, outcome: Outcome): Promise<Outcome> {
  const serial = ledger.nextSerial();
  const [again] = await sendBatch(ledger, [
    { case: outcome.rebuild(markerFor(serial), serial), rebuild: outcome.rebuild },
  ]);
  return again!;
}

/** Answers counted by status code ("0" for no answer). */
export function statusCounts(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) for (const s of o.statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}
