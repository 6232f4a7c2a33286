import { readFileSync } from "node:fs";
import { freshDatabase, type DialectName } from "@agora/db/testing";
import { createForumConsumer, formatPost, routeRooms } from "@agora/forums";
import { createJobQueue, notifyJob } from "@agora/queue";
import {
  parseDiscourseWebhook,
  type DiscoursePost,
  type DiscourseWebhook,
  type ForumRule,
  type ParsedDelivery,
} from "@agora/schemas";

const fixture = JSON.parse(
  readFileSync(
    new URL("../packages/schemas/test/fixtures/discourse/fedora_post_created.json", import.meta.url),
    "utf8",
  ),
) as { headers: Record<string, string>; body: { post: DiscoursePost } };
const parsed = parseDiscourseWebhook("post_created", fixture.body);
if (!parsed.success || parsed.data.kind !== "post") throw new Error("the post_created fixture does not parse");
const template = parsed.data.post;
const headers = { "x-discourse-instance": fixture.headers["X-Discourse-Instance"]! };
const cooked = `<p>${"Agenda for <b>this</b> week &amp; next, with a few words to excerpt. ".repeat(12)}</p><aside class="quote"><p>quoted</p></aside>`;

const rules: ForumRule[] = [
  { category: "project", filter: "thread", room: "#docs:example.org" },
  { category: 7, filter: "follow", room: "#announce:example.org" },
  { category: 97, filter: "watch", room: "#ask:example.org" },
];

let deliveryCount = 0;
const post = (event: string, changes: Partial<DiscoursePost>): ParsedDelivery => {
  const webhook: DiscourseWebhook = {
    kind: "post",
    event,
    post: { ...template, ...changes },
    body: { post: { ...template, ...changes } },
  };
  const delivery = {
    id: `bench-${deliveryCount++}`,
    source: "discourse" as const,
    event,
    headers,
    receivedAt: new Date(),
  };
  return { source: "discourse", delivery, event: webhook };
};

/** A new topic, a reply in its thread, an edit of the topic, and a private message that goes nowhere. */
function topicRound(i: number): ParsedDelivery[] {
  const topic = { id: 1_000_000 + i, topic_id: 2_000_000 + i, cooked, version: 1 };
  return [
    post("post_created", { ...topic, post_number: 1 }),
    post("post_created", { id: 3_000_000 + i, topic_id: topic.topic_id, post_number: 2, cooked }),
    post("post_edited", {
      ...topic,
      post_number: 1,
      version: 2,
      cooked: `<p>amended</p>${cooked}`,
      updated_at: new Date(i).toISOString(),
    }),
    post("post_created", {
      id: 4_000_000 + i,
      topic_id: 5_000_000 + i,
      post_number: 1,
      topic_archetype: "private_message",
      cooked,
    }),
  ];
}

export interface ForumFigures {
  variant: string;
  events: number;
  perSecond: number;
  jobs: number;
}

async function measure(dialect: DialectName, seconds: number, batch: number): Promise<ForumFigures> {
  const t = await freshDatabase(dialect);
  const queue = createJobQueue({ db: t.db });
  try {
    await queue.start();
    await queue.register(notifyJob);
    let jobs = 0;
    const consumer = createForumConsumer({
      rules,
      logger: { info() {} },
      queue: {
        sendMany: (definition, notify, options) => {
          jobs += notify.length;
          return queue.sendMany(definition, notify, options);
        },
      },
    });
    let events = 0;
    let round = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    while (performance.now() < until) {
      const deliveries = Array.from({ length: batch / 4 }, () => topicRound(round++)).flat();
      await t.db.transaction(async (tx) => {
        for (const d of deliveries) await consumer.accept(tx, d);
      });
      events += deliveries.length;
    }
    const elapsed = (performance.now() - started) / 1000;
    return {
      variant: `forum consumer on ${dialect === "postgres" ? "PostgreSQL" : "PGlite"}`,
      events,
      perSecond: events / elapsed,
      jobs,
    };
  } finally {
    await queue.stop({ timeoutMs: 2_000 });
    await t.drop();
  }
}

/** The same events routed and formatted with no database: what the bridge costs before storage. */
function measureInMemory(seconds: number): ForumFigures {
  let events = 0;
  let round = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    for (const d of topicRound(round++)) {
      if (d.source !== "discourse" || d.event.kind !== "post") continue;
      const p = d.event.post;
      const rooms = routeRooms(rules, { categoryId: p.category_id, categorySlug: "project", tags: [] });
      for (let i = 0; i < rooms.size; i++) formatPost(p, headers["x-discourse-instance"]);
      events++;
    }
  }
  return {
    variant: "route + format, no database",
    events,
    perSecond: events / ((performance.now() - started) / 1000),
    jobs: 0,
  };
}

/**
 * Routed and formatted events per second: the forum consumer's `accept` on parsed fixture
 * events, a transaction per batch as the delivery worker runs it, notify jobs enqueued for real.
 */
export async function forumsBenchmark(options: { seconds: number; batch: number }): Promise<ForumFigures[]> {
  return [
    measureInMemory(options.seconds),
    await measure("postgres", options.seconds, options.batch),
    await measure("pglite", options.seconds, options.batch),
  ];
}
