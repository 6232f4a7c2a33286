import { readFileSync } from "node:fs";
import { parseDiscourseWebhook, type DiscourseWebhook } from "@agora/schemas";

const dir = new URL("../../../packages/schemas/test/fixtures/discourse/", import.meta.url);

export interface Delivery {
  headers: Record<string, string>;
  body: Record<string, Record<string, unknown>>;
}

/** A real Fedora delivery (`fedora_<name>.json`), a fresh copy each call so tests can change it. */
export function fixture(name: string): Delivery {
  return JSON.parse(readFileSync(new URL(`fedora_${name}.json`, dir), "utf8")) as Delivery;
}

export function signatureVector(): { secret: string; raw_body: string; headers_expected: Record<string, string> } {
  return JSON.parse(readFileSync(new URL("discourse_spec_ping_signature_vector.json", dir), "utf8"));
}

/** A fixture's post or topic with some fields changed, parsed as the delivery worker parses it. */
export function event(name: string, changes: Record<string, unknown> = {}): DiscourseWebhook {
  const d = fixture(name);
  const key = d.body.post ? "post" : "topic";
  const body = { ...d.body, [key]: { ...d.body[key], ...changes } };
  const result = parseDiscourseWebhook(d.headers["X-Discourse-Event"]!, body);
  if (!result.success) throw new Error(`fixture ${name} does not parse`);
  return result.data;
}

/** The `post_created` fixture made into a topic's first post, as Discourse sends it, with text. */
export const firstPost = (changes: Record<string, unknown> = {}) =>
  event("post_created", {
    id: 79000,
    post_number: 1,
    topic_id: 46582,
    cooked: "<p>Agenda for <b>this</b> week &amp; next:</p><ul><li>Quick Docs</li></ul>",
    raw: "Agenda for **this** week & next:\n\n* Quick Docs",
    ...changes,
  });
