import { recordMatrixMessage } from "@agora/db";
import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { Community } from "@agora/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needsInfoPings } from "../../src/sweeps/needs-info-pings.ts";
import type { PlannedAction } from "../../src/sweeps/plan-sweep.ts";

const member = (name: string, handle: string) => ({ name, matrix: `@${handle}:example.org`, gitlab: handle });
const community = Community.parse({
  sigs: [
    {
      id: "cloud",
      name: "Cloud",
      leads: [member("Priya", "priya")],
      triagers: [member("Sam", "sam")],
      gitlab: { labels: ["sig::cloud"] },
      room: "#cloud:example.org",
      pings: { who: "both", on: ["needs-info"], quiet_hours: "22:00-07:00" },
    },
    // Its pings leave needs-info out: its waiting bugs are not told.
    {
      id: "docs",
      name: "Docs",
      leads: [member("Lena", "lena")],
      gitlab: { labels: ["sig::docs"] },
      room: "#docs:example.org",
      pings: { on: ["routed"] },
    },
  ],
});

const now = new Date("2026-12-07T09:00:00Z");
const waiting = (
  iid: number,
  extra: Partial<PlannedAction["issue"]> = {},
  action: PlannedAction["action"] = "remind",
): PlannedAction => ({
  issue: {
    projectId: 12,
    iid,
    title: `waiting @everyone ${iid}`,
    labels: ["sig::cloud", "needs-info"],
    confidential: false,
    webUrl: `https://gitlab.example.org/almalinux/cloud/-/issues/${iid}`,
    createdAt: new Date("2026-11-01T00:00:00Z"),
    updatedAt: new Date("2026-11-20T09:00:00Z"),
    ...extra,
  },
  action,
  policy: "needs-info",
  condition: "needs_info",
  why: "needs info, no activity for 17 days (policy: 14)",
});

describe("the needs-info sweep's pings", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase("pglite");
  });
  afterAll(() => t?.drop());
  const pings = (plan: PlannedAction[], at = now) =>
    t.db.transaction((tx) => needsInfoPings(tx, { community, plan, now: at }));

  it("pings the SIG's people with a pill, in the issue's thread, once a day per person and issue", async () => {
    await recordMatrixMessage(t.db, {
      dedupeKey: "gitlab:triage:12:1:act:cloud",
      roomId: "!cloud:example.org",
      eventId: "$routed",
    });
    // Reminded and put in the digest by two policies: still one message.
    const [first, ...rest] = await pings([waiting(1), waiting(1, {}, "digest_to_triage_room")]);
    expect(rest).toEqual([]);
    expect(first).toEqual({
      action: "send",
      dedupeKey: "gitlab:issue-note:12:1:needs-info:2026-12-07:cloud",
      room: "#cloud:example.org",
      threadOf: "gitlab:triage:12:1:act:cloud",
      msgtype: "text",
      mentions: ["@priya:example.org", "@sam:example.org"],
      body: 'Priya, Sam: Cloud: almalinux/cloud#1 "waiting @\u200beveryone 1" has waited 17 days for its reporter\'s answer (needs-info) https://gitlab.example.org/almalinux/cloud/-/issues/1',
      html:
        '<a href="https://matrix.to/#/%40priya%3Aexample.org">Priya</a>, <a href="https://matrix.to/#/%40sam%3Aexample.org">Sam</a>: ' +
        '<b>Cloud</b>: <a href="https://gitlab.example.org/almalinux/cloud/-/issues/1">almalinux/cloud#1</a> "waiting @\u200beveryone 1" has waited 17 days for its reporter\'s answer (<code>needs-info</code>)',
    });
    // The same day again (a second sweep): the same message, pinging nobody a second time.
    const [again] = await pings([waiting(1)]);
    expect(again).toMatchObject({ dedupeKey: first!.dedupeKey });
    expect(again!.mentions).toBeUndefined();
    // The next day, the people are pinged again.
    expect((await pings([waiting(1)], new Date("2026-12-08T09:00:00Z")))[0]).toMatchObject({
      mentions: ["@priya:example.org", "@sam:example.org"],
    });
  });

  it("a confidential issue by its link only, nobody in quiet hours, and nothing for a close or a SIG that did not ask", async () => {
    const [secret] = await pings([waiting(2, { confidential: true })]);
    expect(secret!.body).toMatch(/^Priya, Sam: Cloud: a confidential issue, almalinux\/cloud#2 has waited 17 days/);
    expect(secret!.threadOf).toBeUndefined();
    const [night] = await pings([waiting(3)], new Date("2026-12-07T23:30:00Z"));
    expect(night).toMatchObject({ body: expect.stringMatching(/^Cloud: almalinux\/cloud#3 /) });
    expect(night!.msgtype).toBeUndefined();
    expect(
      await pings([
        waiting(4, {}, "close"),
        waiting(5, { labels: ["sig::docs", "needs-info"] }),
        waiting(6, { labels: ["needs-info"] }),
      ]),
    ).toEqual([]);
  });
});
