import type { Sql } from "@agora/db";
import type { DiscourseWebhook, ForumRule, NotifyJob } from "@agora/schemas";
import { bridgeForumEvent, type ForumLogger } from "./bridge-event.ts";

/** What the delivery worker hands a consumer; the shape of `@agora/hooks`' `ParsedDelivery`. */
export type ForumDelivery =
  | { source: "discourse"; delivery: { headers: Record<string, string> }; event: DiscourseWebhook }
  | { source: "gitlab" };

export interface ForumConsumerDeps {
  rules: readonly ForumRule[];
  logger: ForumLogger;
  /** Enqueues notify jobs in the delivery's transaction (`queue.sendMany(notifyJob, jobs, { tx })`). */
  enqueue(tx: Sql, jobs: NotifyJob[]): Promise<void>;
  /** For deliveries without `X-Discourse-Instance`: the community file's `discourse.url`. */
  defaultInstance?: string | undefined;
}

/** The forum bridge as a delivery consumer: registered in the delivery worker's `consumers`. */
export function createForumConsumer(deps: ForumConsumerDeps) {
  const ctx = { rules: deps.rules, logger: deps.logger };
  return {
    name: "forums",
    async accept(tx: Sql, parsed: ForumDelivery): Promise<boolean> {
      if (parsed.source !== "discourse") return false;
      const instance = parsed.delivery.headers["x-discourse-instance"] ?? deps.defaultInstance ?? "unknown";
      const { jobs, taken } = await bridgeForumEvent({ ctx, input: { tx, instance, event: parsed.event } });
      if (jobs.length) await deps.enqueue(tx, jobs);
      return taken;
    },
  };
}
