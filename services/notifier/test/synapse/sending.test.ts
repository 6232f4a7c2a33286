import { findMatrixMessage } from "@agora/db";
import { freshDatabase, type TestDatabase, waitFor } from "@agora/db/testing";
import { createMatrixTransport } from "@agora/matrix";
import { createRoom, startSynapse, type RegisteredUser, type TestSynapse } from "@agora/matrix/testing";
import { notifyJob, type JobQueue } from "@agora/queue";
import type { NotifyJob } from "@agora/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { txnIdFor } from "../../src/index.ts";
import { eventsFrom, joinRoom, startWorker } from "./synapse-helpers.ts";

describe("the notifier against a real Synapse", { timeout: 120_000 }, () => {
  let synapse: TestSynapse;
  let t: TestDatabase;
  let queue: JobQueue;
  let bot: RegisteredUser;
  let reader: RegisteredUser;

  beforeAll(async () => {
    [synapse, t] = await Promise.all([startSynapse({ rateLimits: "lifted" }), freshDatabase("postgres")]);
    [bot, reader] = await Promise.all([synapse.registerUser("notifier-bot"), synapse.registerUser("notifier-reader")]);
    queue = await startWorker(synapse, t, bot);
  }, 300_000);
  afterAll(async () => {
    await queue?.stop({ timeoutMs: 2_000 });
    await t?.drop();
    await synapse?.close();
  });

  /** A room the reader made, the bot joined or only invited. */
  async function room(botJoins: boolean): Promise<string> {
    const roomId = await createRoom(synapse.baseUrl, reader.accessToken, { invite: [bot.userId] });
    if (botJoins) await joinRoom(synapse, bot, roomId);
    return roomId;
  }

  const sent = (dedupeKey: string) =>
    waitFor(
      () => findMatrixMessage(t.db, dedupeKey),
      (m) => Boolean(m?.eventId),
      { what: `${dedupeKey} recorded` },
    );

  it("shows a notice once though its job runs twice and an earlier attempt reached the homeserver", async () => {
    const roomId = await room(true);
    const job: NotifyJob = {
      action: "send",
      dedupeKey: "once",
      room: roomId,
      body: "Issue 42 opened",
      html: "<b>Issue 42</b> opened<script>x()</script>",
    };
    // A worker that sent it and died before recording: the txn id is all that remains.
    const transport = await createMatrixTransport({
      baseUrl: synapse.baseUrl,
      accessToken: bot.accessToken,
      userId: bot.userId,
    });
    const earlier = await transport.sendEvent(
      roomId,
      "m.room.message",
      { msgtype: "m.notice", body: job.body },
      txnIdFor(job.dedupeKey),
    );
    await queue.send(notifyJob, job);
    await queue.send(notifyJob, job);
    expect((await sent("once"))?.eventId).toBe(earlier);
    await waitFor(
      () => queue.depths(),
      (d) => d.find((q) => q.name === "notify")?.queued === 0 && d.find((q) => q.name === "notify")?.active === 0,
      { what: "both jobs done" },
    );
    const events = await eventsFrom(synapse, reader, roomId, bot.userId);
    expect(events.map((e) => e.event_id)).toEqual([earlier]);
  });

  it("replies in a thread, edits and redacts, as a second user reads them", async () => {
    const roomId = await room(true);
    const jobs: NotifyJob[] = [
      { action: "send", dedupeKey: "root", room: roomId, body: "Issue 7 opened" },
      {
        action: "send",
        dedupeKey: "reply",
        room: roomId,
        body: "@lead please look",
        msgtype: "text",
        mentions: [reader.userId],
        threadOf: "root",
      },
      { action: "send", dedupeKey: "edit", room: roomId, body: "Issue 7 closed", replaces: "root" },
      { action: "send", dedupeKey: "doomed", room: roomId, body: "posted by mistake" },
    ];
    for (const job of jobs) await queue.send(notifyJob, job);
    // The redaction once its message is out: one that comes first takes the message back unsent.
    await sent("doomed");
    const redact: NotifyJob = { action: "redact", dedupeKey: "redaction", target: "doomed", reason: "mistake" };
    await queue.send(notifyJob, redact);
    jobs.push(redact);
    const ids = Object.fromEntries(
      await Promise.all(jobs.map(async (j) => [j.dedupeKey, (await sent(j.dedupeKey))!.eventId!] as const)),
    );
    const events = await eventsFrom(synapse, reader, roomId, bot.userId);
    const byId = new Map(events.map((e) => [e.event_id, e]));
    expect(byId.get(ids.root!)?.content).toMatchObject({ msgtype: "m.notice", body: "Issue 7 opened" });
    expect(byId.get(ids.reply!)?.content).toMatchObject({
      msgtype: "m.text",
      "m.mentions": { user_ids: [reader.userId] },
      "m.relates_to": {
        rel_type: "m.thread",
        event_id: ids.root,
        is_falling_back: true,
        "m.in_reply_to": { event_id: ids.root },
      },
    });
    expect(byId.get(ids.edit!)?.content).toMatchObject({
      body: "* Issue 7 closed",
      "m.new_content": { body: "Issue 7 closed" },
      "m.relates_to": { rel_type: "m.replace", event_id: ids.root },
    });
    // Redacted: its content is gone for the reader, and the redaction names it.
    expect(byId.get(ids.doomed!)?.content).toEqual({});
    const redaction = byId.get(ids.redaction!);
    expect(redaction?.type).toBe("m.room.redaction");
    // Room versions before 11 carry `redacts` at the top, later ones in the content.
    expect(redaction?.redacts ?? redaction?.content.redacts).toBe(ids.doomed);
  });

  it("joins a room it is only invited to, once, and sends there", async () => {
    const roomId = await room(false);
    await queue.send(notifyJob, { action: "send", dedupeKey: "invited", room: roomId, body: "hello from the invite" });
    await sent("invited");
    const events = await eventsFrom(synapse, reader, roomId, bot.userId);
    expect(events.map((e) => e.content.body)).toEqual(["hello from the invite"]);
  });

  it("dead-letters a message to an unknown room with its reason", async () => {
    const alias = `#no-such-room:${synapse.serverName}`;
    await queue.send(notifyJob, { action: "send", dedupeKey: "lost", room: alias, body: "nobody reads this" });
    const [letter] = await waitFor(
      () => queue.deadLetters(notifyJob),
      (l) => l.length === 1,
      { what: "dead letter" },
    );
    expect(letter?.attempts).toBe(1);
    expect(letter?.reason).toMatch(new RegExp(`^${alias}: unknown_room: `));
    expect(await findMatrixMessage(t.db, "lost")).toBeUndefined();
  });
});
