import type { DiscourseWebhook } from "./discourse.ts";
import type { GitlabWebhook } from "./gitlab.ts";
import type { DeliverySource } from "./jobs.ts";

// The contract between the delivery worker (services/hooks) and the services that act on
// webhooks (triage, forums). A webhook's path: the intake stores it and enqueues a delivery
// job; the worker parses it by its source's schema and offers it to every consumer, inside one
// transaction that also marks it processed; a consumer enqueues jobs of its own there.

/** What the intake kept of a delivery, besides its body. */
export interface DeliveryRecord {
  id: string;
  source: DeliverySource;
  event: string;
  /** The headers that identify it (event, instance, ids), never its secret. */
  headers: Record<string, string>;
  receivedAt: Date;
}

/** A stored delivery, parsed with the schema its source and event name call for. */
export type ParsedDelivery =
  | { source: "gitlab"; delivery: DeliveryRecord; hook: GitlabWebhook }
  | { source: "discourse"; delivery: DeliveryRecord; event: DiscourseWebhook };

/**
 * A service that acts on deliveries. `accept` runs inside the processing transaction `tx` (the
 * database's `Sql`, a parameter here since schemas know no database), enqueues the service's own
 * jobs in it, and says whether the service took the event.
 */
export interface DeliveryConsumer<Tx> {
  name: string;
  accept(tx: Tx, parsed: ParsedDelivery): Promise<boolean>;
}
