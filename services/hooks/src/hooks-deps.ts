import type { Counter } from "prom-client";
import type { DeliveryStore } from "./delivery-store.ts";

export type IntakeResult =
  "stored" | "duplicate" | "unauthorized" | "malformed" | "too_large" | "unconfigured" | "refused";

export interface HooksDeps {
  store: DeliveryStore;
  /** A source without a secret is refused: an unauthenticated intake would take anyone's events. */
  secrets: { gitlab?: string | undefined; discourse?: string | undefined };
  /** Largest body accepted, in bytes; GitLab's payloads go up to 25 MB. */
  bodyLimit: number;
  /** Only counted; an edge isolate, whose counters no one scrapes, passes one that does nothing. */
  intakeCounter: Pick<Counter<"source" | "result">, "inc">;
}
