import { notifyJob } from "@agora/queue";
import { describe, expect, it } from "vitest";
import { systemForTests } from "./system-harness.ts";

describe("without a homeserver", () => {
  const harness = systemForTests({ database: "postgres" });

  it("keeps notify jobs in the queue and lists them on the status page", async () => {
    await harness.system.queue.send(notifyJob, {
      action: "send",
      dedupeKey: "status-page-test",
      room: "#kernel:example.org",
      body: "Kernel panic on boot <b>(#42)</b>\nsecond line stays off the page",
    });
    // Give a worker, were one wrongly started, time to take it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const page = await (await harness.system.app.request("/")).text();
    expect(page).toContain("Matrix notifier");
    expect(page).toContain("no homeserver: messages wait in the queue");
    expect(page).toContain("<code>#kernel:example.org</code>");
    expect(page).toContain("Kernel panic on boot &lt;b&gt;(#42)&lt;/b&gt;");
    expect(page).not.toContain("second line");
    const depth = (await harness.system.queue.depths()).find((d) => d.name === "notify");
    expect(depth).toMatchObject({ queued: 1, active: 0 });
  });
});
