import { recordMatrixMessage } from "@agora/db";
import { freshDatabase, dialects, type TestDatabase } from "@agora/db/testing";
import type { ForumRule, NotifyJob, NotifySend } from "@agora/schemas";
import { NotifyJob as NotifyJobSchema } from "@agora/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bridgeForumEvent, postKey } from "../src/index.ts";
import { event, firstPost } from "./fixtures.ts";

const rules: ForumRule[] = [
  { category: "project", filter: "thread", room: "#docs:example.org" },
  { category: 7, filter: "follow", room: "#announce:example.org" },
  { category: 97, filter: "watch", room: "#ask:example.org" },
  { category: 97, tags: ["nvidia"], filter: "mute", room: "#ask:example.org" },
];

describe.each(dialects)("the forum bridge on %s", (dialect) => {
  let t: TestDatabase;
  const logs: { obj: object; msg: string }[] = [];
  // Each test takes its own instance, so that they share the database and not its rows.
  let n = 0;
  const instance = () => `https://forum-${dialect}-${++n}.example.org`;

  beforeAll(async () => {
    t = await freshDatabase(dialect);
  });
  afterAll(() => t?.drop());

  async function bridge(inst: string, e: ReturnType<typeof event>): Promise<NotifyJob[]> {
    const ctx = { rules, logger: { info: (obj: object, msg: string) => logs.push({ obj, msg }) } };
    const { jobs } = await t.db.transaction((tx) => bridgeForumEvent({ ctx, input: { tx, instance: inst, event: e } }));
    for (const job of jobs) expect(NotifyJobSchema.safeParse(job).success).toBe(true);
    return jobs;
  }
  const sends = (jobs: NotifyJob[]) => jobs.filter((j): j is NotifySend => j.action === "send");

  it("posts a new topic's first post once to each room, with title, author, category, excerpt and link", async () => {
    const inst = instance();
    const jobs = sends(await bridge(inst, firstPost()));
    expect(jobs.map((j) => j.room).sort()).toEqual(["#announce:example.org", "#docs:example.org"]);
    const docs = jobs.find((j) => j.room === "#docs:example.org")!;
    expect(docs.dedupeKey).toBe(
      postKey({ instance: inst, postId: 79000, room: "#docs:example.org", generation: 0 }, 1),
    );
    expect(docs.body).toBe(
      `New topic in project: Docs meeting agenda: 2023-02-08 by Francois Andrieu (@darknao)\nAgenda for this week & next: Quick Docs\n${inst}/t/docs-meeting-agenda-2023-02-08/46582/1`,
    );
    expect(docs.html).toContain(`<a href="${inst}/t/docs-meeting-agenda-2023-02-08/46582/1">`);
    expect(docs.html).toContain("<blockquote>Agenda for this week &amp; next: Quick Docs</blockquote>");
    // Discourse's retry: a new event id, the same post and version.
    expect(await bridge(inst, firstPost())).toEqual([]);
  });

  it("threads a reply under `thread`, skips it under `follow`, and works without cooked or raw", async () => {
    const inst = instance();
    const [, root] = sends(await bridge(inst, firstPost())).sort((a, b) => a.room.localeCompare(b.room));
    const reply = event("post_created"); // the real payload: post 3, no cooked, no raw
    const jobs = sends(await bridge(inst, reply));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ room: "#docs:example.org", threadOf: root!.dedupeKey });
    expect(jobs[0]!.body).toBe(
      `Francois Andrieu (@darknao) replied in Docs meeting agenda: 2023-02-08\n${inst}/t/docs-meeting-agenda-2023-02-08/46582/3`,
    );
  });

  it("posts a reply under `watch` as a plain message, and a muted tag keeps it out", async () => {
    const inst = instance();
    const jobs = sends(await bridge(inst, event("post_edited", { raw: "It works now" })));
    expect(jobs).toEqual([expect.objectContaining({ room: "#ask:example.org", threadOf: undefined })]);
    await bridge(inst, event("topic_created", { id: 31544, tags: ["nvidia"] }));
    expect(await bridge(inst, event("post_edited", { id: 127407, raw: "muted" }))).toEqual([]);
  });

  it("edits with replaces, once per version and edit time, and never with an older version", async () => {
    const inst = instance();
    const [created] = sends(await bridge(inst, event("post_edited", { version: 3, raw: "first text" })));
    const edit = event("post_edited", { version: 4, raw: "second text", updated_at: "2023-02-10T10:00:00.000Z" });
    const [edited] = sends(await bridge(inst, edit));
    expect(edited).toMatchObject({ replaces: created!.dedupeKey, room: "#ask:example.org" });
    expect(edited!.body).toContain("second text");
    expect(await bridge(inst, edit)).toEqual([]);
    expect(await bridge(inst, event("post_edited", { version: 2, raw: "stale" }))).toEqual([]);
    // Within Discourse's grace period an edit keeps its version: its time tells it apart.
    const [grace] = sends(
      await bridge(
        inst,
        event("post_edited", { version: 4, raw: "third text", updated_at: "2023-02-10T10:01:00.000Z" }),
      ),
    );
    expect(grace!.dedupeKey).not.toBe(edited!.dedupeKey);
    expect(grace!.replaces).toBe(created!.dedupeKey);
  });

  it("redacts on post_destroyed, and posts again under a new key on post_recovered, once each", async () => {
    const inst = instance();
    const recovered = event("post_recovered", { raw: "back again" });
    const [created] = sends(await bridge(inst, recovered)); // first heard of: posted as is
    const destroyed = event("post_recovered", {});
    const redact = await bridge(inst, { ...destroyed, event: "post_destroyed" });
    expect(redact).toEqual([expect.objectContaining({ action: "redact", target: created!.dedupeKey })]);
    expect(await bridge(inst, { ...destroyed, event: "post_destroyed" })).toEqual([]);
    const [again] = sends(await bridge(inst, destroyed)); // no text in this payload: the stored one is used
    expect(again!.dedupeKey).not.toBe(created!.dedupeKey);
    expect(again!.body).toBe(created!.body);
    expect(await bridge(inst, destroyed)).toEqual([]);
  });

  it("redacts every edit of a deleted post too, not only the original: an m.replace holds the edited text", async () => {
    const inst = instance();
    const post = { id: 126080, topic_id: 31274, category_id: 97, category_slug: "english" };
    const sent = async (jobs: NotifyJob[]) => {
      for (const job of sends(jobs))
        await recordMatrixMessage(t.db, {
          dedupeKey: job.dedupeKey,
          roomId: "!ask:example.org",
          eventId: `$${job.dedupeKey}`,
        });
      return sends(jobs);
    };
    const [created] = await sent(await bridge(inst, firstPost(post)));
    const edited = (raw: string, updatedAt: string) =>
      event("post_edited", {
        ...post,
        post_number: 1,
        version: 2,
        raw,
        cooked: `<p>${raw}</p>`,
        updated_at: updatedAt,
      });
    const [edit1] = await sent(await bridge(inst, edited("my password is hunter2", "2023-02-10T10:00:00.000Z")));
    const [edit2] = await sent(await bridge(inst, edited("oops, removed", "2023-02-10T10:01:00.000Z")));
    expect([edit1!.replaces, edit2!.replaces]).toEqual([created!.dedupeKey, created!.dedupeKey]);
    const redactions = await bridge(inst, event("topic_destroyed"));
    expect(redactions.map((j) => j.action === "redact" && j.target)).toEqual([
      created!.dedupeKey,
      edit1!.dedupeKey,
      edit2!.dedupeKey,
    ]);
    expect(new Set(redactions.map((j) => j.dedupeKey)).size).toBe(3);
    expect(await bridge(inst, event("topic_destroyed"))).toEqual([]);
  });

  it("redacts a topic's message on topic_destroyed and posts it again on topic_recovered", async () => {
    const inst = instance();
    const first = firstPost({ id: 126080, topic_id: 31274, category_id: 97, category_slug: "english" });
    const [created] = sends(await bridge(inst, first));
    expect(await bridge(inst, event("topic_destroyed"))).toEqual([
      expect.objectContaining({ action: "redact", target: created!.dedupeKey }),
    ]);
    const recovered = event("topic_recovered", { id: 31274 });
    const [again] = sends(await bridge(inst, recovered));
    expect(again).toMatchObject({ room: "#ask:example.org", body: created!.body });
    expect(again!.dedupeKey).not.toBe(created!.dedupeKey);
    expect(await bridge(inst, recovered)).toEqual([]);
  });

  it("never bridges a private message or a category no rule names, and logs why", async () => {
    const inst = instance();
    expect(await bridge(inst, firstPost({ topic_archetype: "private_message" }))).toEqual([]);
    expect(await bridge(inst, firstPost({ topic_archetype: undefined, id: 79001 }))).toEqual([]);
    expect(await bridge(inst, firstPost({ category_id: 3, category_slug: "staff", id: 79002 }))).toEqual([]);
    expect(await bridge(inst, firstPost({ category_id: null, id: 79003 }))).toEqual([]);
    const reasons = logs.filter(
      (l) => l.msg === "forum post not bridged" && (l.obj as { instance: string }).instance === inst,
    );
    expect(reasons.map((l) => (l.obj as { reason: string }).reason)).toEqual([
      "private message or unknown archetype",
      "private message or unknown archetype",
      "category staff is not named by any rule, so not public",
      "no category",
    ]);
  });

  it("takes back every bridged post of a topic turned into a private message", async () => {
    const inst = instance();
    const first = sends(
      await bridge(inst, firstPost({ id: 126080, topic_id: 31739, category_id: 97, category_slug: "english" })),
    );
    const reply = sends(await bridge(inst, event("post_edited", { id: 127500, topic_id: 31739, raw: "a reply" })));
    expect(await bridge(inst, event("topic_edited"))).toEqual([]);
    const jobs = await bridge(inst, event("topic_edited", { archetype: "private_message" }));
    expect(jobs.map((j) => j.action === "redact" && j.target).sort()).toEqual(
      [...first, ...reply].map((c) => c.dedupeKey).sort(),
    );
    expect(await bridge(inst, event("topic_edited", { archetype: "private_message" }))).toEqual([]);
  });

  it("takes back a bridged post that becomes private", async () => {
    const inst = instance();
    const created = sends(await bridge(inst, firstPost()));
    const jobs = await bridge(inst, firstPost({ topic_archetype: "private_message", version: 2 }));
    expect(jobs.map((j) => j.action === "redact" && j.target).sort()).toEqual(created.map((c) => c.dedupeKey).sort());
  });

  it("remembers a deletion processed before the post: its creation, edit or retry later posts nothing, in any room", async () => {
    const inst = instance();
    const post = { id: 126080, topic_id: 31274, category_id: 97, category_slug: "english", post_number: 1 };
    expect(await bridge(inst, event("post_destroyed", post))).toEqual([]);
    expect(await bridge(inst, firstPost(post))).toEqual([]);
    expect(await bridge(inst, event("post_edited", { ...post, version: 2, raw: "my password is hunter2" }))).toEqual(
      [],
    );
    // Another post of the topic is not the deleted one.
    expect(
      sends(await bridge(inst, event("post_edited", { id: 127500, topic_id: 31274, raw: "a reply" }))),
    ).toHaveLength(1);
    // Discourse recovers it: it is told again, as first heard of.
    expect(sends(await bridge(inst, event("post_recovered", { ...post, raw: "back again" })))).toHaveLength(1);
    const reasons = logs
      .filter((l) => (l.obj as { instance: string }).instance === inst)
      .map((l) => (l.obj as { reason: string }).reason);
    expect(reasons).toEqual(["post deleted", "post deleted"]);
  });

  it("remembers a topic deleted before its first post was processed, until it is recovered", async () => {
    const inst = instance();
    const first = firstPost({
      id: 126080,
      topic_id: 31274,
      category_id: 97,
      category_slug: "english",
      raw: "Name resolution fails",
    });
    expect(await bridge(inst, event("topic_destroyed"))).toEqual([]);
    expect(await bridge(inst, first)).toEqual([]);
    expect(
      await bridge(
        inst,
        event("post_edited", { id: 126080, topic_id: 31274, post_number: 1, version: 2, raw: "edited" }),
      ),
    ).toEqual([]);
    // Recovered without a message to post again (none was ever posted); its next post event posts it.
    expect(await bridge(inst, event("topic_recovered", { id: 31274 }))).toEqual([]);
    expect(sends(await bridge(inst, first))).toEqual([expect.objectContaining({ room: "#ask:example.org" })]);
  });

  it("takes back a deleted topic's replies and their edits too, keeps its posts off until it is recovered, then posts them again", async () => {
    const inst = instance();
    const [announce, root] = sends(await bridge(inst, firstPost())).sort((a, b) => a.room.localeCompare(b.room));
    const [reply] = sends(await bridge(inst, event("post_created", { raw: "a reply" })));
    const replyEdit = (version: number, raw: string) =>
      event("post_edited", {
        id: 79563,
        topic_id: 46582,
        category_id: 7,
        category_slug: "project",
        post_number: 3,
        version,
        raw,
        updated_at: `2023-02-09T1${version}:00:00.000Z`,
      });
    const [edit] = sends(await bridge(inst, replyEdit(2, "a reply, edited")));
    expect(edit).toMatchObject({ replaces: reply!.dedupeKey });
    const redactions = await bridge(inst, event("topic_destroyed", { id: 46582, category_id: 7 }));
    expect(redactions.map((j) => j.action === "redact" && j.target).sort()).toEqual(
      [announce!, root!, reply!, edit!].map((j) => j.dedupeKey).sort(),
    );
    // Replies of the deleted topic processed late (a new one, an edit) post nothing.
    expect(await bridge(inst, event("post_created", { id: 79564, post_number: 4, raw: "late reply" }))).toEqual([]);
    expect(await bridge(inst, replyEdit(3, "edited late"))).toEqual([]);
    const recovered = sends(await bridge(inst, event("topic_recovered", { id: 46582, category_id: 7 })));
    expect(recovered.map((j) => j.room).sort()).toEqual([
      "#announce:example.org",
      "#docs:example.org",
      "#docs:example.org",
    ]);
    const [again, againReply] = recovered.filter((j) => j.room === "#docs:example.org");
    expect(again).toMatchObject({ body: root!.body });
    expect(againReply).toMatchObject({ body: expect.stringContaining("a reply, edited"), threadOf: again!.dedupeKey });
    expect(await bridge(inst, event("topic_recovered", { id: 46582, category_id: 7 }))).toEqual([]);
  });

  it("keeps a reply deleted on its own off when its deleted topic is recovered", async () => {
    const inst = instance();
    await bridge(inst, firstPost());
    const [reply] = sends(await bridge(inst, event("post_created", { raw: "a reply" })));
    expect(await bridge(inst, { ...event("post_created"), event: "post_destroyed" })).toEqual([
      expect.objectContaining({ target: reply!.dedupeKey }),
    ]);
    await bridge(inst, event("topic_destroyed", { id: 46582, category_id: 7 }));
    const recovered = sends(await bridge(inst, event("topic_recovered", { id: 46582, category_id: 7 })));
    expect(recovered.map((j) => j.body)).not.toContainEqual(expect.stringContaining("replied"));
    expect(recovered).toHaveLength(2);
  });

  it("takes back a post hidden by flags, with its edits, keeps it off, and posts it again once an edit shows it unhidden", async () => {
    const inst = instance();
    const post = { id: 126080, topic_id: 31274, category_id: 97, category_slug: "english", post_number: 1 };
    const [created] = sends(await bridge(inst, firstPost(post)));
    const [edit] = sends(
      await bridge(
        inst,
        event("post_edited", { ...post, version: 2, raw: "rude words", updated_at: "2023-02-10T10:00:00.000Z" }),
      ),
    );
    const hidden = await bridge(
      inst,
      event("post_edited", {
        ...post,
        version: 2,
        raw: "rude words",
        updated_at: "2023-02-10T10:00:00.000Z",
        hidden: true,
      }),
    );
    expect(hidden.map((j) => j.action === "redact" && j.target)).toEqual([created!.dedupeKey, edit!.dedupeKey]);
    // A retried creation (its payload from before the flags) says nothing new: it stays off.
    expect(await bridge(inst, firstPost(post))).toEqual([]);
    // Its author edits it and the flags are cleared: shown again, under the next generation.
    const [again] = sends(
      await bridge(
        inst,
        event("post_edited", { ...post, version: 3, raw: "kind words", updated_at: "2023-02-10T11:00:00.000Z" }),
      ),
    );
    expect(again).toMatchObject({ room: "#ask:example.org", body: expect.stringContaining("kind words") });
    expect(again!.dedupeKey).not.toBe(created!.dedupeKey);
    const reasons = logs
      .filter((l) => (l.obj as { instance: string }).instance === inst)
      .map((l) => (l.obj as { reason: string }).reason);
    expect(reasons).toEqual(["post hidden", "post hidden"]);
  });

  it("takes back every post of a topic unlisted or moved out of the bridged categories, keeps its replies off, and brings them back", async () => {
    const inst = instance();
    const topic = (changes: Record<string, unknown>, name = "topic_edited") => ({
      ...event("topic_edited", { id: 46582, category_id: 7, ...changes }),
      event: name,
    });
    expect(await bridge(inst, topic({ visible: true }))).toEqual([]);
    const [announce, root] = sends(await bridge(inst, firstPost())).sort((a, b) => a.room.localeCompare(b.room));
    const [reply] = sends(await bridge(inst, event("post_created", { raw: "a reply" })));
    // Unlisted (Discourse's topic_visible_status_updated; hiding a first post by flags unlists its topic too).
    const unlisted = await bridge(inst, topic({ visible: false }, "topic_visible_status_updated"));
    expect(unlisted.map((j) => j.action === "redact" && j.target).sort()).toEqual(
      [announce!, root!, reply!].map((j) => j.dedupeKey).sort(),
    );
    // A reply written or edited meanwhile is kept off, whatever its own payload says.
    expect(await bridge(inst, event("post_created", { id: 79564, post_number: 4, raw: "while unlisted" }))).toEqual([]);
    // Listed again: every post comes back where it was, the reply in the topic's thread.
    const listed = sends(await bridge(inst, topic({ visible: true }, "topic_visible_status_updated")));
    expect(listed.map((j) => j.room).sort()).toEqual([
      "#announce:example.org",
      "#docs:example.org",
      "#docs:example.org",
    ]);
    const [docsRoot, docsReply] = listed.filter((j) => j.room === "#docs:example.org");
    expect(docsReply).toMatchObject({ body: expect.stringContaining("replied"), threadOf: docsRoot!.dedupeKey });
    expect(await bridge(inst, topic({ visible: true }))).toEqual([]);
    // Moved to a category no rule names (a staff one): taken back again; moved back: shown again.
    const moved = await bridge(inst, topic({ category_id: 4 }));
    expect(moved.map((j) => j.action)).toEqual(["redact", "redact", "redact"]);
    expect(logs).toContainEqual({
      obj: expect.objectContaining({ instance: inst, reason: "moved to category 4, which no rule names" }),
      msg: "forum topic taken back",
    });
    expect(sends(await bridge(inst, topic({})))).toHaveLength(3);
    // Turned into a private message: taken back, and nothing of it comes back by a late reply.
    expect(await bridge(inst, topic({ archetype: "private_message" }))).toHaveLength(3);
    expect(
      await bridge(
        inst,
        event("post_edited", {
          id: 79563,
          topic_id: 46582,
          category_id: 7,
          category_slug: "project",
          post_number: 3,
          version: 2,
          raw: "edited",
        }),
      ),
    ).toEqual([]);
  });

  it("takes back a post whose payload says it is deleted, and posts nothing of it", async () => {
    const inst = instance();
    const post = { id: 126080, topic_id: 31274, category_id: 97, category_slug: "english" };
    const [created] = sends(await bridge(inst, firstPost(post)));
    const deleted = event("post_edited", {
      ...post,
      post_number: 1,
      version: 2,
      raw: "edited",
      deleted_at: "2023-02-10T10:00:00.000Z",
    });
    expect(await bridge(inst, deleted)).toEqual([
      expect.objectContaining({ action: "redact", target: created!.dedupeKey }),
    ]);
    expect(
      await bridge(inst, event("post_edited", { ...post, post_number: 1, version: 3, raw: "edited again" })),
    ).toEqual([]);
  });

  it("redacts the edits not sent yet too, so that none goes out after the deletion", async () => {
    const inst = instance();
    const post = { id: 126080, topic_id: 31274, category_id: 97, category_slug: "english", post_number: 1 };
    const [created] = sends(await bridge(inst, firstPost(post)));
    const [edit] = sends(
      await bridge(inst, event("post_edited", { ...post, version: 2, raw: "my password is hunter2" })),
    );
    // Nothing recorded as sent: both jobs are still queued when the deletion is processed.
    const redactions = await bridge(inst, event("post_destroyed", post));
    expect(redactions.map((j) => j.action === "redact" && j.target)).toEqual([created!.dedupeKey, edit!.dedupeKey]);
  });

  it.runIf(dialect === "postgres")(
    "makes a deletion wait for the creation of its post in flight, and take it back",
    async () => {
      const inst = instance();
      const post = { id: 126080, topic_id: 31274, category_id: 97, category_slug: "english", post_number: 1 };
      const ctx = { rules, logger: { info() {} } };
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let created: NotifyJob[] = [];
      let inserted = () => {};
      const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
      // The creation has written its row and holds its transaction open while the deletion starts.
      const creation = t.db.transaction(async (tx) => {
        created = (await bridgeForumEvent({ ctx, input: { tx, instance: inst, event: firstPost(post) } })).jobs;
        inserted();
        await held;
      });
      await insertedYet;
      let settled = false;
      const deletion = t.db
        .transaction((tx) =>
          bridgeForumEvent({ ctx, input: { tx, instance: inst, event: event("post_destroyed", post) } }),
        )
        .finally(() => (settled = true));
      const waiting = `select 1 from pg_locks where locktype = 'advisory' and classid = 4004 and objsubid = 2 and not granted
                      and database = (select oid from pg_database where datname = current_database())`;
      // Let the creation commit only once the deletion has either finished (it found nothing) or waits on a lock.
      while (!settled && !(await t.db.query(waiting)).length) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      release();
      await creation;
      const { jobs } = await deletion;
      expect(sends(created)).toHaveLength(1);
      expect(jobs.map((j) => j.action === "redact" && j.target)).toEqual([created[0]!.dedupeKey]);
    },
  );
});
