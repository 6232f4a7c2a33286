import { createHmac } from "node:crypto";
import { findMatrixMessage } from "@agora/db";
import { dialects, freshDatabase, type TestDatabase, waitFor } from "@agora/db/testing";
import { createApp, createDeliveryStore, createIntakeCounter, processDelivery } from "@agora/hooks";
import { createLogger, createMetrics } from "@agora/http";
import { createMatrixTransport } from "@agora/matrix";
import {
  createRoom,
  readRoomEvents,
  startSynapse,
  type RegisteredUser,
  type RoomEvent,
  type TestSynapse,
} from "@agora/matrix/testing";
import { startNotifierWorker } from "@agora/notifier";
import { createJobQueue, deliveryJob, notifyJob, type JobQueue } from "@agora/queue";
import type { ForumRule } from "@agora/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createForumConsumer, editKey, postKey } from "../../src/index.ts";
import { fixture, signatureVector } from "../fixtures.ts";

// The whole path: signed POST /hooks/discourse → inbox → delivery worker → forum consumer →
// notify jobs → notifier worker → a real Synapse room, read back by a second user.
describe.each(dialects)("the forum bridge end to end on %s, into a real Synapse", { timeout: 180_000 }, (dialect) => {
  const vector = signatureVector();
  const INSTANCE = "https://discussion.fedoraproject.org";
  let synapse: TestSynapse;
  let t: TestDatabase;
  let queue: JobQueue;
  let bot: RegisteredUser;
  let reader: RegisteredUser;
  let roomId: string;
  let app: ReturnType<typeof createApp>;
  const notBridged: object[] = [];

  beforeAll(async () => {
    [synapse, t] = await Promise.all([startSynapse({ rateLimits: "lifted" }), freshDatabase(dialect)]);
    [bot, reader] = await Promise.all([synapse.registerUser("forum-bot"), synapse.registerUser("forum-reader")]);
    roomId = await createRoom(synapse.baseUrl, reader.accessToken, { invite: [bot.userId] });
    await fetch(new URL(`/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, synapse.baseUrl), {
      method: "POST",
      headers: { authorization: `Bearer ${bot.accessToken}`, "content-type": "application/json" },
      body: "{}",
    });
    const rules: ForumRule[] = [{ category: "project", filter: "thread", room: roomId }];

    queue = createJobQueue({ db: t.db, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 });
    await queue.start();
    await queue.register(deliveryJob, notifyJob);
    const quiet = { info() {}, warn() {} };
    const forums = createForumConsumer({
      rules,
      logger: { info: (obj: object) => notBridged.push(obj) },
      queue,
    });
    await queue.work(deliveryJob, async (input) => {
      await processDelivery({ ctx: { db: t.db, consumers: [forums], logger: quiet }, input });
    });
    const transport = await createMatrixTransport({
      baseUrl: synapse.baseUrl,
      accessToken: bot.accessToken,
      userId: bot.userId,
    });
    await startNotifierWorker({ queue, db: t.db, transport, logger: quiet });

    const metrics = createMetrics({ defaultMetrics: false });
    app = createApp({
      deps: {
        store: createDeliveryStore({
          db: t.db,
          enqueue: async (tx, jobs) => void (await queue.sendMany(deliveryJob, jobs, { tx })),
        }),
        // The secret of Discourse's own signature test vector signs every delivery below.
        secrets: { discourse: vector.secret },
        bodyLimit: 25 * 1024 * 1024,
        intakeCounter: createIntakeCounter(metrics.registry),
      },
      logger: createLogger({ level: "silent" }),
      metrics,
      readiness: { database: () => t.db.ping() },
    });
  }, 300_000);
  afterAll(async () => {
    await queue?.stop({ timeoutMs: 2_000 });
    await t?.drop();
    await synapse?.close();
  });

  async function deliver(name: string, eventId: string, post: Record<string, unknown>, event?: string): Promise<void> {
    const d = fixture(name);
    const raw = JSON.stringify({ post: { ...d.body.post, ...post } });
    const signature = `sha256=${createHmac("sha256", vector.secret).update(raw).digest("hex")}`;
    const headers = {
      ...d.headers,
      ...(event ? { "X-Discourse-Event": event } : {}),
      "X-Discourse-Event-Id": eventId,
      "X-Discourse-Event-Signature": signature,
    };
    const res = await app.request("/hooks/discourse", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: raw,
    });
    expect(res.status).toBe(202);
  }

  async function deliverTopic(eventName: string, eventId: string, topic: Record<string, unknown>): Promise<void> {
    const d = fixture("topic_edited");
    const raw = JSON.stringify({ topic: { ...d.body.topic, ...topic } });
    const signature = `sha256=${createHmac("sha256", vector.secret).update(raw).digest("hex")}`;
    const headers = {
      ...d.headers,
      "X-Discourse-Instance": INSTANCE,
      "X-Discourse-Event": eventName,
      "X-Discourse-Event-Id": eventId,
      "X-Discourse-Event-Signature": signature,
    };
    const res = await app.request("/hooks/discourse", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: raw,
    });
    expect(res.status).toBe(202);
  }

  const sent = async (dedupeKey: string) =>
    (await waitFor(
      () => findMatrixMessage(t.db, dedupeKey),
      (m) => Boolean(m?.eventId),
      { what: dedupeKey, timeoutMs: 60_000 },
    ))!.eventId!;
  const settled = () =>
    waitFor(
      async () => {
        const [row] = await t.db.query<{ n: number }>(
          "select count(*)::int as n from agora_inbox where processed_at is null",
        );
        const depths = await queue.depths();
        return (row?.n ?? 1) + depths.reduce((sum, q) => sum + (q.name.endsWith(".dead") ? 0 : q.queued + q.active), 0);
      },
      (n) => n === 0,
      { what: "queues empty", timeoutMs: 60_000 },
    );
  const roomEvents = async (): Promise<RoomEvent[]> =>
    (await readRoomEvents(synapse.baseUrl, reader.accessToken, roomId, { limit: 500 })).filter(
      (e) => e.sender === bot.userId && (e.type === "m.room.message" || e.type === "m.room.redaction"),
    );

  it("accepts Discourse's signature test vector itself", async () => {
    const res = await app.request("/hooks/discourse", {
      method: "POST",
      headers: { "content-type": "application/json", ...vector.headers_expected, "X-Discourse-Event-Id": "ping-1" },
      body: vector.raw_body,
    });
    expect(res.status).toBe(202);
  });

  it("shows a new topic once, a reply in its thread, an edit, a redaction, a recovery, and never a private message", async () => {
    const topic = {
      id: 79000,
      post_number: 1,
      version: 1,
      cooked: "<p>Agenda for <b>this</b> week</p>",
      raw: "Agenda for **this** week",
    };
    await deliver("post_created", "9001", topic);
    await deliver("post_created", "9002", topic); // Discourse's retry: a new event id, same post and version
    await deliver("post_created", "9001", topic); // a manual redelivery: the same event id
    await deliver("post_created", "9003", {}); // the real reply (post 3), without cooked or raw
    await deliver("post_created", "9004", {
      id: 79001,
      post_number: 1,
      topic_id: 50000,
      topic_archetype: "private_message",
      cooked: "<p>secret words</p>",
    });
    const rootKey = postKey({ instance: INSTANCE, postId: 79000, room: roomId, generation: 0 }, 1);
    const replyKey = postKey({ instance: INSTANCE, postId: 79563, room: roomId, generation: 0 }, 1);
    const [root, reply] = [await sent(rootKey), await sent(replyKey)];
    const threaded = (await roomEvents()).find((e) => e.event_id === reply);
    expect(threaded?.content).toMatchObject({
      body: expect.stringContaining("Francois Andrieu (@darknao) replied in Docs meeting agenda"),
      "m.relates_to": {
        rel_type: "m.thread",
        event_id: root,
        is_falling_back: true,
        "m.in_reply_to": { event_id: root },
      },
    });

    await deliver(
      "post_created",
      "9005",
      { ...topic, version: 2, cooked: "<p>Agenda, amended</p>", updated_at: "2023-02-09T11:00:00.000Z" },
      "post_edited",
    );
    await deliver("post_created", "9006", {}, "post_destroyed");
    await settled();

    const events = await roomEvents();
    const byId = new Map(events.map((e) => [e.event_id, e]));
    const originals = events.filter(
      (e) =>
        e.type === "m.room.message" &&
        !(e.content["m.relates_to"] as { rel_type?: string } | undefined)?.rel_type?.startsWith("m.replace"),
    );
    expect(originals.map((e) => e.event_id)).toEqual([root, reply]);
    expect(byId.get(root)?.content).toMatchObject({
      msgtype: "m.notice",
      body: expect.stringContaining("Agenda for this week"),
    });
    expect(byId.get(root)?.content.body).toContain(`${INSTANCE}/t/docs-meeting-agenda-2023-02-08/46582/1`);
    // The reply was redacted: its content is gone for the reader, a redaction names it.
    expect(byId.get(reply)?.content).toEqual({});
    const redaction = events.find((e) => e.type === "m.room.redaction");
    expect(redaction?.redacts ?? redaction?.content.redacts).toBe(reply);
    const edit = events.find(
      (e) => (e.content["m.relates_to"] as { rel_type?: string } | undefined)?.rel_type === "m.replace",
    );
    expect(edit?.content).toMatchObject({
      "m.relates_to": { event_id: root },
      "m.new_content": { body: expect.stringContaining("Agenda, amended") },
    });
    expect(events).toHaveLength(3 + 1); // topic, reply, edit, redaction
    expect(JSON.stringify(events)).not.toContain("secret words");

    // Recovered: posted again, in the thread, under the next generation's key; a retry adds nothing.
    await deliver("post_created", "9007", {}, "post_recovered");
    await deliver("post_created", "9008", {}, "post_recovered");
    const again = await sent(postKey({ instance: INSTANCE, postId: 79563, room: roomId, generation: 1 }, 1));
    await settled();
    const after = await roomEvents();
    expect(after).toHaveLength(5);
    expect(after.find((e) => e.event_id === again)?.content).toMatchObject({
      "m.relates_to": { rel_type: "m.thread", event_id: root },
    });
    expect(notBridged).toContainEqual(
      expect.objectContaining({ postId: 79001, reason: "private message or unknown archetype" }),
    );
  });

  it("takes back a deleted post's edit as well as its original: the reader sees neither text", async () => {
    const post = {
      id: 79100,
      post_number: 1,
      topic_id: 46600,
      version: 1,
      cooked: "<p>First words</p>",
      raw: "First words",
    };
    await deliver("post_created", "9101", post);
    const original = await sent(postKey({ instance: INSTANCE, postId: 79100, room: roomId, generation: 0 }, 1));
    const updatedAt = "2023-02-09T12:00:00.000Z";
    await deliver(
      "post_created",
      "9102",
      { ...post, version: 2, cooked: "<p>Edited: my token is s3cr3t</p>", updated_at: updatedAt },
      "post_edited",
    );
    const edit = await sent(editKey({ instance: INSTANCE, postId: 79100, room: roomId, generation: 0 }, 2, updatedAt));
    await deliver("post_created", "9103", post, "post_destroyed");
    await settled();
    const events = await roomEvents();
    const byId = new Map(events.map((e) => [e.event_id, e]));
    expect(byId.get(original)?.content).toEqual({});
    expect(byId.get(edit)?.content).toEqual({});
    const redacted = events.filter((e) => e.type === "m.room.redaction").map((e) => e.redacts ?? e.content.redacts);
    expect(redacted).toEqual(expect.arrayContaining([original, edit]));
    expect(JSON.stringify(events)).not.toContain("s3cr3t");
  });

  it("shows nothing of a post whose deletion was processed before its creation and edit, or right behind them", async () => {
    // Deleted first: Discourse's events can be processed out of order, and a failed one is retried later.
    const early = {
      id: 79200,
      post_number: 1,
      topic_id: 46700,
      version: 1,
      cooked: "<p>Leaked draft A</p>",
      raw: "Leaked draft A",
    };
    await deliver("post_created", "9201", early, "post_destroyed");
    await settled();
    await deliver("post_created", "9202", early);
    await deliver(
      "post_created",
      "9203",
      { ...early, version: 2, cooked: "<p>Leaked draft A, edited</p>", updated_at: "2023-02-09T13:00:00.000Z" },
      "post_edited",
    );
    // Deleted right behind its edit: the edit may not have reached the room when the deletion is processed.
    const late = {
      id: 79201,
      post_number: 1,
      topic_id: 46701,
      version: 1,
      cooked: "<p>First words B</p>",
      raw: "First words B",
    };
    await deliver("post_created", "9204", late);
    await sent(postKey({ instance: INSTANCE, postId: 79201, room: roomId, generation: 0 }, 1));
    await deliver(
      "post_created",
      "9205",
      { ...late, version: 2, cooked: "<p>Leaked draft B</p>", updated_at: "2023-02-09T13:01:00.000Z" },
      "post_edited",
    );
    await deliver("post_created", "9206", late, "post_destroyed");
    await settled();
    const text = JSON.stringify(await roomEvents());
    expect(text).not.toContain("Leaked draft");
    expect(text).not.toContain("First words B");
    // The redactions of messages never sent were simply done, not dead-lettered.
    expect((await queue.depths()).filter((q) => q.name.endsWith(".dead") && q.queued > 0)).toEqual([]);
  });

  it("takes back a deleted topic's replies and their edits, a hidden post, and an unlisted topic until it is listed again", async () => {
    const key = (postId: number, generation = 0) =>
      postKey({ instance: INSTANCE, postId, room: roomId, generation }, 1);
    // A topic with a reply, the reply edited; then the topic is deleted, and a late reply comes in.
    const first = {
      id: 79300,
      post_number: 1,
      topic_id: 46800,
      version: 1,
      cooked: "<p>Topic C opens</p>",
      raw: "Topic C opens",
    };
    const reply = { id: 79301, post_number: 2, topic_id: 46800, version: 1, cooked: "<p>Reply C</p>", raw: "Reply C" };
    await deliver("post_created", "9301", first);
    await sent(key(79300));
    await deliver("post_created", "9302", reply);
    await sent(key(79301));
    const updatedAt = "2023-02-09T14:00:00.000Z";
    await deliver(
      "post_created",
      "9303",
      { ...reply, version: 2, cooked: "<p>Reply C, with my phone number 555-0199</p>", updated_at: updatedAt },
      "post_edited",
    );
    await sent(editKey({ instance: INSTANCE, postId: 79301, room: roomId, generation: 0 }, 2, updatedAt));
    await deliverTopic("topic_destroyed", "9304", { id: 46800, category_id: 7 });
    await deliver("post_created", "9305", {
      id: 79302,
      post_number: 3,
      topic_id: 46800,
      cooked: "<p>Late reply C</p>",
      raw: "Late reply C",
    });
    // A post hidden by flags.
    const flagged = {
      id: 79310,
      post_number: 1,
      topic_id: 46810,
      version: 1,
      cooked: "<p>Rude words D</p>",
      raw: "Rude words D",
    };
    await deliver("post_created", "9306", flagged);
    await sent(key(79310));
    await deliver(
      "post_created",
      "9307",
      { ...flagged, hidden: true, updated_at: "2023-02-09T14:05:00.000Z" },
      "post_edited",
    );
    // A topic with a reply, unlisted, then listed again.
    const listedFirst = {
      id: 79320,
      post_number: 1,
      topic_id: 46820,
      version: 1,
      cooked: "<p>Topic E opens</p>",
      raw: "Topic E opens",
    };
    await deliver("post_created", "9308", listedFirst);
    await sent(key(79320));
    await deliver("post_created", "9309", {
      id: 79321,
      post_number: 2,
      topic_id: 46820,
      version: 1,
      cooked: "<p>Reply E</p>",
      raw: "Reply E",
    });
    await sent(key(79321));
    await deliverTopic("topic_visible_status_updated", "9310", { id: 46820, category_id: 7, visible: false });
    await settled();

    let events = await roomEvents();
    const text = (es: RoomEvent[]) => JSON.stringify(es.filter((e) => e.type === "m.room.message"));
    for (const gone of [
      "Topic C opens",
      "Reply C",
      "555-0199",
      "Late reply C",
      "Rude words D",
      "Topic E opens",
      "Reply E",
    ])
      expect(text(events)).not.toContain(gone);
    expect((await queue.depths()).filter((q) => q.name.endsWith(".dead") && q.queued > 0)).toEqual([]);

    await deliverTopic("topic_visible_status_updated", "9311", { id: 46820, category_id: 7, visible: true });
    const [root, again] = [await sent(key(79320, 1)), await sent(key(79321, 1))];
    await settled();
    events = await roomEvents();
    const byId = new Map(events.map((e) => [e.event_id, e]));
    expect(byId.get(root)?.content.body).toContain("Topic E opens");
    expect(byId.get(again)?.content).toMatchObject({
      body: expect.stringContaining("Reply E"),
      "m.relates_to": { rel_type: "m.thread", event_id: root },
    });
    expect(text(events)).not.toContain("Topic C opens");
    expect(notBridged).toContainEqual(expect.objectContaining({ postId: 79302, reason: "topic deleted" }));
  });
});
