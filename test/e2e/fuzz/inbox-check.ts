import type { Outcome } from "./fuzz-campaign.ts";
import type { FuzzTarget } from "./fuzz-target.ts";
import { MARKER_LENGTH, MARKER_OFFSET } from "./http-case.ts";

export interface StoredRow {
  id: string;
  marker: string;
  final: boolean;
  outcome: string | null;
  processCount: number;
}

export interface PendingRow {
  id: string;
  marker: string;
  jobId: string | null;
  jobState: string | null;
  retries: number | null;
  jobError: string | null;
}

/**
 * Waits until the delivery workers have finished with every stored row, or have tried each
 * unfinished one and failed (a failing row would only come back after minutes of retries), or
 * until `timeoutMs`. Resolves with the rows still unfinished.
 */
export async function settleInbox(target: FuzzTarget, timeoutMs: number): Promise<PendingRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await target.db.query<{
      id: string;
      marker: string;
      job_id: string | null;
      state: string | null;
      retry_count: number | null;
      error: string | null;
    }>(
      `select i.id, substr(i.body, ${MARKER_OFFSET}, ${MARKER_LENGTH}) as marker, j.id as job_id, j.state::text as state, j.retry_count,
              j.output->>'message' as error
         from agora_inbox i
         left join pgboss.job j on j.name = 'delivery' and j.data->>'deliveryId' = i.id::text
        where i.processed_at is null`,
    );
    const tried = (r: (typeof rows)[number]) => r.state === "retry" || r.state === "failed" || (r.retry_count ?? 0) > 0;
    if (rows.every(tried) || Date.now() > deadline) {
      return rows.map((r) => ({
        id: r.id,
        marker: r.marker,
        jobId: r.job_id,
        jobState: r.state,
        retries: r.retry_count,
        jobError: r.error,
      }));
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function storedRows(target: FuzzTarget): Promise<StoredRow[]> {
  const { rows } = await target.db.query<{
    id: string;
    marker: string;
    final: boolean;
    outcome: string | null;
    process_count: number;
  }>(
    `select id, substr(body, ${MARKER_OFFSET}, ${MARKER_LENGTH}) as marker, processed_at is not null as final, outcome, process_count
       from agora_inbox`,
  );
  return rows.map((r) => ({
    id: r.id,
    marker: r.marker,
    final: r.final,
    outcome: r.outcome,
    processCount: r.process_count,
  }));
}

export interface InboxFindings {
  rows: number;
  /** Valid deliveries answered 202 whose row is not there. */
  lost: Outcome[];
  /** Rows made by a request that was refused, or that no case of this run sent. */
  unauthorizedRows: { row: StoredRow; outcome?: Outcome }[];
  /** Keyed deliveries stored more than once. */
  duplicated: Outcome[];
  nonFinal: (PendingRow & { outcome?: Outcome })[];
  /** Outcomes recorded on final rows, by their first words. */
  outcomes: Record<string, number>;
}

/** Holds every stored row up against the cases that were sent. */
export function judgeInbox(
  outcomes: readonly Outcome[],
  rows: readonly StoredRow[],
  pending: readonly PendingRow[],
): InboxFindings {
  const byMarker = new Map(outcomes.map((o) => [o.case.marker, o]));
  const rowsOf = new Map<string, StoredRow[]>();
  for (const row of rows) rowsOf.set(row.marker, [...(rowsOf.get(row.marker) ?? []), row]);
  const deliveries = outcomes.filter((o) => o.case.expect.kind === "delivery");
  const lost = deliveries.filter((o) => o.statuses.includes(202) && !rowsOf.has(o.case.marker));
  const duplicated = deliveries.filter(
    (o) => o.case.expect.kind === "delivery" && o.case.expect.keyed && (rowsOf.get(o.case.marker)?.length ?? 0) > 1,
  );
  const unauthorizedRows = rows.flatMap((row) => {
    const outcome = byMarker.get(row.marker);
    return outcome?.case.expect.kind === "delivery" ? [] : [{ row, ...(outcome && { outcome }) }];
  });
  const counted: Record<string, number> = {};
  for (const row of rows) {
    if (!row.final) continue;
    // "invalid: <problems>", or "<event> → <consumers>" where the event name can be anything a header said.
    const kind = row.outcome?.startsWith("invalid:") ? "invalid" : `→ ${(row.outcome ?? "").split(" → ").at(-1)}`;
    counted[kind] = (counted[kind] ?? 0) + 1;
  }
  return {
    rows: rows.length,
    lost,
    unauthorizedRows,
    duplicated,
    nonFinal: pending.map((p) => ({ ...p, ...(byMarker.get(p.marker) && { outcome: byMarker.get(p.marker)! }) })),
    outcomes: counted,
  };
}
