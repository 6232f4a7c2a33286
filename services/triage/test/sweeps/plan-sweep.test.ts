import { createGitlabApi } from "@agora/gitlab";
import { startFakeGitlab, type FakeGitlab } from "@agora/gitlab/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planSweep } from "../../src/sweeps/plan-sweep.ts";
import { parsePolicies } from "../../src/sweeps/triage-policy.ts";

const token = "glpat-plan-secret";
const now = new Date("2026-06-30T12:00:00Z");
const old = new Date(now.getTime() - 30 * 86_400_000).toISOString();
const policies = parsePolicies(
  JSON.stringify({
    policies: [
      { name: "untriaged", conditions: { untriaged_for_days: 7 }, actions: ["digest_to_triage_room"] },
      { name: "nudge", conditions: { needs_info_for_days: 7 }, actions: ["remind"] },
    ],
  }),
  "test",
);

describe("planSweep", () => {
  let fake: FakeGitlab;
  beforeEach(async () => {
    fake = await startFakeGitlab({ token });
  });
  afterEach(() => fake.close());
  const gitlab = () => createGitlabApi({ url: fake.url, token });

  it("reads every page of open issues", async () => {
    for (let iid = 1; iid <= 230; iid++) {
      Object.assign(fake.addIssue({ project_id: 12, iid }), { created_at: old, updated_at: old });
    }
    const plan = await planSweep({ ctx: { gitlab: gitlab(), now }, input: { policies, projectIds: [12] } });
    expect(plan).toHaveLength(230);
    expect(fake.requests.map((r) => r.query.page)).toEqual(["1", "2", "3"]);
  });

  it("leaves alone an issue whose times GitLab did not send, and asks no notes for a remind-only policy", async () => {
    fake.addIssue({ project_id: 12, iid: 1 });
    fake.addIssue({ project_id: 12, iid: 2, labels: ["needs-info"] });
    Object.assign(fake.addIssue({ project_id: 12, iid: 3, labels: ["needs-info"] }), {
      created_at: old,
      updated_at: old,
    });
    const plan = await planSweep({ ctx: { gitlab: gitlab(), now }, input: { policies, projectIds: [12] } });
    expect(plan.map((p) => `${p.action} ${p.issue.iid}`)).toEqual(["remind 3"]);
    expect(fake.requests).toHaveLength(1);
  });
});
