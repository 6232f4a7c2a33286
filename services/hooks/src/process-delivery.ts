import { isPermanentDataError, lockDelivery, markProcessed, sqlState, type Sql, type StoredDelivery } from "@agora/db";
import {
  describeIssues,
  parseDiscourseWebhook,
  parseGitlabWebhook,
  type DeliveryConsumer as SchemaDeliveryConsumer,
  type DeliveryJob,
  type ParsedDelivery,
} from "@agora/schemas";

/** A service acting on deliveries, in the database's transaction (the contract is in @agora/schemas). */
export type DeliveryConsumer = SchemaDeliveryConsumer<Sql>;

export interface ProcessDeliveryContext {
  db: Sql;
  consumers: readonly DeliveryConsumer[];
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

function eventName(parsed: ParsedDelivery): string {
  if (parsed.source === "discourse") return parsed.event.event;
  const hook = parsed.hook as { object_kind?: string; event_name?: string; object_attributes?: { action?: unknown } };
  // Member, project and subgroup events name themselves in `event_name`, not `object_kind`.
  const kind = hook.object_kind ?? hook.event_name ?? parsed.delivery.event;
  const action = hook.object_attributes?.action;
  return typeof action === "string" ? `${kind}/${action}` : kind;
}

function parse(delivery: StoredDelivery): { parsed: ParsedDelivery } | { problems: string } {
  const body: unknown = JSON.parse(delivery.body);
  if (delivery.source === "gitlab") {
    const result = parseGitlabWebhook(body);
    return result.success
      ? { parsed: { source: "gitlab", delivery, hook: result.data } }
      : { problems: describeIssues(result.error).join("; ") };
  }
  const result = parseDiscourseWebhook(delivery.event, body);
  return result.success
    ? { parsed: { source: "discourse", delivery, event: result.data } }
    : { problems: describeIssues(result.error).join("; ") };
}

/**
 * Turns a stored delivery into the jobs of the services that want it, once. The row is locked
 * and marked in the same transaction as those jobs are enqueued, so a job run twice (a worker
 * killed after the commit, before pg-boss heard of it) finds it done and changes nothing.
 * Returns what became of it, as recorded on the row.
 */
export async function processDelivery({
  ctx,
  input,
}: {
  ctx: ProcessDeliveryContext;
  input: DeliveryJob;
}): Promise<string> {
  try {
    return await ctx.db.transaction((tx) => processLocked(ctx, tx, input.deliveryId));
  } catch (error) {
    if (!isPermanentDataError(error)) throw error;
    // A consumer wrote something of this delivery that the database refuses: every attempt
    // would end the same way, so the row is final now, and says why.
    const outcome = `invalid: the database refused what a consumer stored of it (SQLSTATE ${sqlState(error)})`;
    ctx.logger.warn({ deliveryId: input.deliveryId, outcome }, "delivery could not be processed");
    await ctx.db.transaction(async (tx) => {
      const delivery = await lockDelivery(tx, input.deliveryId);
      if (delivery && !delivery.processedAt) await markProcessed(tx, delivery.id, outcome);
    });
    return outcome;
  }
}

async function processLocked(ctx: ProcessDeliveryContext, tx: Sql, deliveryId: string): Promise<string> {
  const delivery = await lockDelivery(tx, deliveryId);
  if (!delivery) {
    ctx.logger.warn({ deliveryId }, "delivery no longer stored; nothing to do");
    return "missing";
  }
  if (delivery.processedAt) return delivery.outcome ?? "processed";
  const result = parse(delivery);
  let outcome: string;
  if ("problems" in result) {
    // Stored and acknowledged, but not what its schema says: kept for a person to look at.
    outcome = `invalid: ${result.problems}`.slice(0, 1000);
    ctx.logger.warn({ deliveryId: delivery.id, event: delivery.event, outcome }, "delivery does not match its schema");
  } else {
    const takers: string[] = [];
    for (const consumer of ctx.consumers) {
      if (await consumer.accept(tx, result.parsed)) takers.push(consumer.name);
    }
    outcome = `${eventName(result.parsed)} → ${takers.length ? takers.join(", ") : "no consumer"}`;
  }
  await markProcessed(tx, delivery.id, outcome);
  return outcome;
}
