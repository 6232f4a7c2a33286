import { saveTriageCorrection, saveTriageDecision } from "@agora/db";
import { beforeAll, describe, expect, it } from "vitest";
import { systemForTests } from "./system-harness.ts";

describe("the triage bot's accuracy where triage runs", () => {
  // GitLab is never called: the test only records decisions, as the worker would have.
  const harness = systemForTests({
    database: "postgres",
    env: () => ({ GITLAB_URL: "http://127.0.0.1:9", GITLAB_TOKEN: "unused" }),
  });

  beforeAll(async () => {
    const db = harness.system.db;
    const decide = (issueIid: number, sig: string, mode: "act" | "ask") =>
      saveTriageDecision(db, { projectId: 7, issueIid, sig, confidence: 0.8, mode, reasons: [], confidential: false });
    for (let i = 1; i <= 6; i++) await decide(i, "cloud", "act");
    await saveTriageCorrection(db, {
      projectId: 7,
      issueIid: 6,
      title: "t",
      description: "",
      sig: "core",
      correctedBy: "ann",
    });
    await decide(7, "core", "ask");
    await saveTriageCorrection(db, {
      projectId: 7,
      issueIid: 7,
      title: "t",
      description: "",
      sig: "core",
      correctedBy: "ann",
    });
    await decide(8, "", "ask");
  });

  it("the status page gives the overall figure and links the SIGs' table", async () => {
    const page = await (await harness.system.app.request("/")).text();
    expect(page).toContain("<h2>Triage</h2>");
    expect(page).toContain(
      "Over the last 30 days, all SIGs: Acted alone on 6 of 8 bugs (75%); people moved 1 of those (precision 83%). Asked a person about 2: people placed 1, 1 in the bot&#39;s first suggestion.",
    );
    expect(page).toContain('<a href="/triage">By SIG</a>');
  });

  it("/metrics has the counts and ratios by the SIG the bot chose", async () => {
    const text = await (await harness.system.app.request("/metrics")).text();
    expect(text).toContain("# TYPE agora_triage_decisions gauge");
    expect(text).toContain('agora_triage_decisions{sig="cloud",mode="act"} 6');
    expect(text).toContain('agora_triage_decisions{sig="core",mode="ask"} 1');
    expect(text).toContain('agora_triage_decisions{sig="_none",mode="ask"} 1');
    expect(text).toContain('agora_triage_corrected{sig="cloud"} 1');
    expect(text).toContain('agora_triage_placed{sig="core",suggested="true"} 1');
    expect(text).toContain('agora_triage_placed{sig="core",suggested="false"} 0');
    expect(text).toMatch(/agora_triage_precision_ratio\{sig="cloud"\} 0\.833/);
    expect(text).not.toContain('agora_triage_precision_ratio{sig="core"}');
    expect(text).toContain('agora_triage_coverage_ratio{sig="cloud"} 1');
    expect(text).toContain('agora_triage_coverage_ratio{sig="core"} 0');
  });
});

describe("a process that does not route bugs", () => {
  const harness = systemForTests({ database: "postgres" });

  it("shows no triage figures on the status page nor in /metrics", async () => {
    expect(await (await harness.system.app.request("/")).text()).not.toContain("<h2>Triage</h2>");
    expect(await (await harness.system.app.request("/metrics")).text()).not.toContain("agora_triage_");
  });
});
