import { describe, expect, it } from "vitest";
import { Community, describeIssues, readableErrors } from "../src/index.ts";

const lead = { name: "Jo Doe", matrix: "@jdoe:example.org", gitlab: "jdoe" };

function sig(id: string, label = `sig::${id}`) {
  return { id, name: id, leads: [lead], gitlab: { labels: [label] }, room: `#${id}:example.org` };
}

function problems(file: unknown): string[] {
  const result = Community.safeParse(file, { error: readableErrors });
  return result.success ? [] : describeIssues(result.error);
}

describe("Community", () => {
  it("fills in the lists and sections an operator may leave out", () => {
    const community = Community.parse({ sigs: [sig("cloud")] });
    expect(community.sigs[0]).toMatchObject({ triagers: [], packages: [], components: [], keywords: [] });
    expect(community.sigs[0]?.gitlab.projects).toEqual([]);
    expect(community.forums.rules).toEqual([]);
    expect(community.surveys.admins).toEqual([]);
  });

  it("accepts forum rules by category id or slug, and a mute rule without a room", () => {
    const forums = {
      rules: [
        { category: 7, room: "#general:example.org", filter: "follow" },
        { category: "cloud", tags: ["aws"], room: "!abc:example.org", filter: "thread" },
        { category: "off-topic", filter: "mute" },
      ],
    };
    expect(problems({ sigs: [sig("cloud")], forums })).toEqual([]);
  });

  it("reports every mistake with its path, cross-field ones included", () => {
    const file = {
      sigs: [
        { ...sig("cloud"), leads: [{ matrix: "jdoe", gitlab: "@jdoe" }] },
        { ...sig("cloud", "sig::cloud"), room: "cloud-room" },
        { ...sig("kernel"), leads: [], colour: "red" },
      ],
      forums: { rules: [{ category: "a b", filter: "all" }] },
      surveys: { admins: [{ name: "Ana" }] },
    };
    expect(problems(file)).toEqual([
      "sigs[0].leads[0].matrix: must be a Matrix user id like @jdoe:example.org",
      "sigs[0].leads[0].gitlab: must be a GitLab username like jdoe (without @)",
      "sigs[1].room: must be a Matrix room id like !abc:example.org or alias like #room:example.org",
      "sigs[2].leads: needs at least one lead",
      "sigs[2].colour: unknown key, check its spelling",
      "forums.rules[0].category: must be a category id (a number) or slug (like installation-help)",
      "forums.rules[0].filter: must be one of watch, follow, thread, mute",
      'sigs[1].id: SIG id "cloud" is already used by sigs[0]',
      'sigs[1].gitlab.labels[0]: label "sig::cloud" already belongs to sigs[0]',
      "forums.rules[0].room: is required unless filter is mute",
      "surveys.admins[0]: needs matrix or token_sha256, or this admin cannot sign in",
    ]);
  });

  it("still finds duplicate ids when a SIG misses required fields", () => {
    expect(problems({ sigs: [sig("docs"), { id: "docs" }] })).toEqual([
      "sigs[1].name: is required",
      "sigs[1].leads: is required",
      "sigs[1].gitlab: is required",
      "sigs[1].room: is required",
      'sigs[1].id: SIG id "docs" is already used by sigs[0]',
    ]);
  });

  it("checks the optional top-level sections", () => {
    const file = {
      sigs: [sig("core")],
      matrix: { triage_room: "#triage:example.org", bot_admins: ["admin"] },
      gitlab: { url: "ftp://gitlab.example.org" },
      surveys: { admins: [{ name: "Ana", token_sha256: "ABC" }] },
    };
    expect(problems(file)).toEqual([
      "surveys.admins[0].token_sha256: must be the sha256 of the token as 64 lowercase hex characters",
      "matrix.bot_admins[0]: must be a Matrix user id like @jdoe:example.org",
      "gitlab.url: must be an http(s) URL like https://gitlab.example.org",
    ]);
  });

  it("reads the triage schedule as the queue's cron library does, naming its reason", () => {
    const triage = (schedule: string) => ({
      sigs: [sig("core")],
      triage: {
        schedule,
        policies: [{ name: "p", conditions: { untriaged_for_days: 7 }, actions: ["digest_to_triage_room"] }],
      },
    });
    expect(problems(triage("0 6 * * 1-5"))).toEqual([]);
    expect(problems(triage("*/30 * * * * *"))).toEqual([]);
    expect(problems(triage("99 99 99 99 99"))).toEqual([
      'triage.schedule: must be a cron expression like "0 6 * * *" (06:00 UTC daily): Constraint error, got value 99 expected range 0-59',
    ]);
    expect(problems(triage("0 6 31 2 *"))).toEqual([
      'triage.schedule: must be a cron expression like "0 6 * * *" (06:00 UTC daily): Invalid explicit day of month definition',
    ]);
    // Fewer than five fields is one problem, not also cron-parser's.
    expect(problems(triage("daily"))).toEqual([
      'triage.schedule: must be a cron expression like "0 6 * * *" (06:00 UTC daily)',
    ]);
  });

  it("routes GitLab events by subscriptions, checked against the SIGs and each other", () => {
    const ok = {
      sigs: [sig("core")],
      subscriptions: [
        {
          sig: "core",
          groups: ["almalinux"],
          events: ["merge_requests", "comments"],
          labels: { include: ["sig::core"], exclude: ["wip"] },
        },
        { room: "#releases:example.org", projects: ["almalinux/core"], events: ["releases", "tags"] },
      ],
    };
    const community = Community.parse(ok);
    expect(community.subscriptions[1]).toEqual({
      room: "#releases:example.org",
      projects: ["almalinux/core"],
      groups: [],
      events: ["releases", "tags"],
      labels: { include: [], exclude: [] },
    });
    expect(Community.parse({ sigs: [sig("core")] }).subscriptions).toEqual([]);
    const bad = {
      sigs: [sig("core")],
      subscriptions: [
        { sig: "cloud", projects: ["core"] },
        { sig: "core", room: "#core:example.org", events: ["issue"] },
        {
          room: "#all:example.org",
          events: ["issues", "pipelines", "pushes"],
          labels: { include: ["bug", "wip"], exclude: ["wip"] },
        },
        {},
      ],
    };
    expect(problems(bad)).toEqual([
      "subscriptions[0].projects[0]: must be a project path like group/project",
      "subscriptions[1].events[0]: must be one of issues, merge_requests, comments, pipelines, releases, tags, pushes",
      'subscriptions[0].sig: no SIG has the id "cloud"',
      "subscriptions[1]: needs either sig (a SIG's room) or room, not both",
      'subscriptions[2].labels.include[1]: label "wip" is also excluded',
      "subscriptions[2].labels.include: lets no pipelines, pushes through: they carry no labels (give them a subscription of their own)",
      "subscriptions[3]: needs either sig (a SIG's room) or room, not both",
    ]);
  });

  it("needs at least one SIG", () => {
    expect(problems({ sigs: [] })).toEqual(["sigs: needs at least one SIG"]);
    expect(problems({})).toEqual(["sigs: is required"]);
  });
});
