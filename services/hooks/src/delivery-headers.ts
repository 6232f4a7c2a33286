import type { DeliverySource } from "@agora/schemas";

// Kept with each stored delivery: what identifies it, never what authenticates it.
const kept: Record<DeliverySource, readonly string[]> = {
  gitlab: [
    "x-gitlab-event",
    "x-gitlab-event-uuid",
    "x-gitlab-webhook-uuid",
    "x-gitlab-instance",
    "idempotency-key",
    "user-agent",
  ],
  discourse: [
    "x-discourse-event",
    "x-discourse-event-type",
    "x-discourse-event-id",
    "x-discourse-instance",
    "user-agent",
  ],
};

export function keptHeaders(source: DeliverySource, headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of kept[source]) {
    const value = headers.get(name);
    if (value !== null) out[name] = value.slice(0, 500);
  }
  return out;
}

/**
 * The key a redelivery shares with the first delivery. GitLab: `Idempotency-Key` (17.4+), else
 * `X-Gitlab-Event-UUID` (never `X-Gitlab-Webhook-UUID`, new on every request). Discourse: the
 * event id, which a manual redelivery repeats. Both scoped to the sending instance. A delivery
 * with neither gets a key of its own: it cannot be recognised again, so it is stored each time.
 */
export function dedupeKey(source: DeliverySource, headers: Headers): string {
  if (source === "gitlab") {
    const instance = headers.get("x-gitlab-instance") ?? "";
    const idempotency = headers.get("idempotency-key");
    if (idempotency) return `idempotency:${instance}:${idempotency}`;
    const eventUuid = headers.get("x-gitlab-event-uuid");
    if (eventUuid) return `event:${instance}:${eventUuid}`;
  } else {
    const instance = headers.get("x-discourse-instance") ?? "";
    const eventId = headers.get("x-discourse-event-id");
    if (eventId) return `event:${instance}:${eventId}`;
  }
  return `unkeyed:${crypto.randomUUID()}`;
}
