import { describe, expect, it } from "vitest";
import {
  describeIssues,
  discourseEventKind,
  DiscourseEventType,
  mayBePrivateMessage,
  parseDiscourseWebhook,
} from "../src/index.ts";
import { type DiscourseDelivery, fixtureNames, readFixture } from "./fixtures.ts";

const deliveries = fixtureNames("discourse")
  .filter((name) => name.startsWith("fedora_"))
  .map((name) => ({ name, ...(readFixture(`discourse/${name}`) as DiscourseDelivery) }));

function parsed(event: string, body: unknown) {
  const result = parseDiscourseWebhook(event, body);
  if (!result.success) throw new Error(describeIssues(result.error).join("\n"));
  return result.data;
}

function delivery(name: string): DiscourseDelivery {
  return readFixture(`discourse/${name}`) as DiscourseDelivery;
}

/** A fixture's body, typed so a test can change what lies under `key`. */
function bodyOf<K extends string>(name: string, key: K): Record<K, Record<string, unknown>> {
  const { body } = readFixture(`discourse/${name}`) as { body: Record<K, Record<string, unknown>> };
  if (typeof body[key] !== "object") throw new Error(`${name} has no ${key}`);
  return body;
}

describe("Discourse fixtures", () => {
  it.each(deliveries)("$name parses with the schema its X-Discourse-Event header names", ({ headers, body }) => {
    const event = headers["X-Discourse-Event"]!;
    const hook = parsed(event, body);
    expect(hook.event).toBe(event);
    const group = headers["X-Discourse-Event-Type"];
    expect(hook.kind).toBe(group === "topic" || group === "post" ? group : "other");
  });

  it("types a topic's fields and keeps the ones it does not model", () => {
    const hook = parsed("topic_created", delivery("fedora_topic_created.json").body);
    if (hook.kind !== "topic") throw new Error(`parsed as ${hook.kind}`);
    expect(hook.topic).toMatchObject({
      id: 31739,
      category_id: 97,
      archetype: "regular",
      tags: ["nvidia", "silverblue"],
    });
    expect(hook.topic.created_by?.username).toBe("awarda");
    expect(hook.topic.valid_reactions).toContain("heart");
    expect(mayBePrivateMessage(hook)).toBe(false);
  });

  it("types a post's fields", () => {
    const hook = parsed("post_edited", delivery("fedora_post_edited.json").body);
    if (hook.kind !== "post") throw new Error(`parsed as ${hook.kind}`);
    expect(hook.post).toMatchObject({ id: 127406, topic_id: 31544, post_number: 38, username: "johnnee8", version: 3 });
    expect(hook.post.topic_title).toBe("Problems upgrading via terminal from F35 to F37");
    expect(hook.post.cooked).toBeUndefined();
  });

  it("takes a post with its text, as a real post_created carries it", () => {
    const body = bodyOf("fedora_post_created.json", "post");
    body.post.raw = "Agenda for **Wednesday**";
    body.post.cooked = "<p>Agenda for <strong>Wednesday</strong></p>";
    const hook = parsed("post_created", body);
    if (hook.kind !== "post") throw new Error(`parsed as ${hook.kind}`);
    expect(hook.post.raw).toBe("Agenda for **Wednesday**");
    expect(hook.post.cooked).toBe("<p>Agenda for <strong>Wednesday</strong></p>");
  });

  it("keeps the text of bodies whose top key is not post", () => {
    const hook = parsed("accepted_solution", delivery("fedora_accepted_solution.json").body);
    expect(hook.kind).toBe("other");
    expect(hook.kind === "other" && (hook.body.solved as { raw: string }).raw).toMatch(/^Thank you/);
  });
});

describe("private messages", () => {
  it("are recognised on topics and posts", () => {
    const body = bodyOf("fedora_topic_created.json", "topic");
    body.topic.archetype = "private_message";
    body.topic.category_id = null;
    expect(mayBePrivateMessage(parsed("topic_created", body))).toBe(true);
    const post = bodyOf("fedora_post_created.json", "post");
    post.post.topic_archetype = "private_message";
    expect(mayBePrivateMessage(parsed("post_created", post))).toBe(true);
  });

  it("are assumed when a post does not say its archetype", () => {
    const body = bodyOf("fedora_post_created.json", "post");
    delete body.post.topic_archetype;
    expect(mayBePrivateMessage(parsed("post_created", body))).toBe(true);
  });
});

describe("bad Discourse payloads", () => {
  it("name the failing field", () => {
    const body = bodyOf("fedora_post_created.json", "post");
    delete body.post.topic_id;
    body.post.raw = 12;
    const result = parseDiscourseWebhook("post_created", body);
    expect(!result.success && describeIssues(result.error)).toEqual([
      "post.topic_id: is required",
      "post.raw: must be a string",
    ]);
  });

  it("fail when a topic event has no topic", () => {
    const result = parseDiscourseWebhook("topic_created", { post: {} });
    expect(!result.success && describeIssues(result.error)).toEqual(["topic: is required"]);
  });

  it("fail when the body is not an object, whatever the event", () => {
    for (const event of ["topic_created", "post_created", "ping"]) {
      expect(parseDiscourseWebhook(event, "OK").success).toBe(false);
    }
  });
});

describe("event names", () => {
  it("match Discourse's list", () => {
    const { TYPES } = readFixture("discourse/discourse_webhook_event_types.json") as { TYPES: Record<string, number> };
    expect([...DiscourseEventType.options].sort()).toEqual(Object.keys(TYPES).sort());
  });

  it("select the body they carry", () => {
    expect(discourseEventKind("topic_closed_status_updated")).toBe("topic");
    expect(discourseEventKind("topic_revised")).toBe("topic");
    expect(discourseEventKind("post_recovered")).toBe("post");
    expect(discourseEventKind("post_liked")).toBe("other");
    expect(discourseEventKind("ping")).toBe("other");
    expect(parsed("ping", { ping: "OK" })).toEqual({ kind: "other", event: "ping", body: { ping: "OK" } });
  });
});
