import { findMatrixMessage, type MatrixMessage } from "@agora/db";
import { PermanentJobError } from "@agora/queue";
import type { NotifierContext, NotifyRun } from "./notifier-context.ts";

/**
 * The sent message a later job refers to. One not sent yet may still be in flight (its job is
 * queued or retrying), so a few attempts only retry; after that the job is dead-lettered with
 * a reason that names the missing key.
 */
export async function findTarget(
  { ctx, run }: { ctx: NotifierContext; run: NotifyRun },
  { key, role }: { key: string; role: "thread root" | "message to edit" },
): Promise<MatrixMessage & { eventId: string }> {
  const target = await findMatrixMessage(ctx.db, key);
  if (target?.eventId) {
    // A digest carries several messages in one event: editing or redacting it for one of them
    // would change the others too.
    if (target.digestKey && role !== "thread root") {
      throw new PermanentJobError(`${role} "${key}" went out inside a digest and cannot be changed alone`);
    }
    return { ...target, eventId: target.eventId };
  }
  if (run.attempt >= ctx.limits.missingTargetAttempts) {
    throw new PermanentJobError(`${role} "${key}" was never sent (looked ${run.attempt} times)`);
  }
  throw new Error(`${role} "${key}" is not sent yet; looking again later`);
}
