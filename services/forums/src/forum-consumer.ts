import type { Sql } from "@agora/db";
import { notifyJob, type JobSender } from "@agora/queue";
import type { DeliveryConsumer, ForumRule } from "@agora/schemas";
import { bridgeForumEvent, type ForumLogger } from "./bridge-event.ts";

export interface ForumConsumerDeps {
  rules: readonly ForumRule[];
  logger: ForumLogger;
  /** Where the bridge's notify jobs go, in the delivery's transaction. */
  queue: JobSender;
  /** For deliveries without `X-Discourse-Instance`: the community file's `discourse.url`. */
  defaultInstance?: string | undefined;
}

/** The forum bridge as a delivery consumer: registered in the delivery worker's `consumers`. */
export function createForumConsumer(deps: ForumConsumerDeps): DeliveryConsumer<Sql> {
  const ctx = { rules: deps.rules, logger: deps.logger };
  return {
    name: "forums",
    async accept(tx, parsed) {
      if (parsed.source !== "discourse") return false;
      const instance = parsed.delivery.headers["x-discourse-instance"] ?? deps.defaultInstance ?? "unknown";
      const { jobs, taken } = await bridgeForumEvent({ ctx, input: { tx, instance, event: parsed.event } });
      if (jobs.length) await deps.queue.sendMany(notifyJob, jobs, { tx });
      return taken;
    },
  };
}
