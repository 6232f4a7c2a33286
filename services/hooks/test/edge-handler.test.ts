import { describe, expect, it } from "vitest";
import { hooksEdgeHandler } from "../src/edge.ts";

// The handler as an isolate calls it; that it runs in workerd is test/e2e/edge-intake.test.ts's.
describe("the intake's edge handler", () => {
  it("answers 503 naming each wrong binding, never its value, as the Node process would refuse to start", async () => {
    const handler = hooksEdgeHandler();
    const res = await handler.fetch(new Request("http://edge/hooks/gitlab", { method: "POST", body: "{}" }), {
      DATABASE_URL: "mysql://secret-host/db",
      GITLAB_WEBHOOK_SECRET: "pasted with a newline\n",
    });
    expect(res.status).toBe(503);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("unavailable");
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).toContain("GITLAB_WEBHOOK_SECRET");
    expect(error.message).not.toContain("secret-host");
  });

  it("needs a database: DATABASE_URL or a Hyperdrive binding", async () => {
    const res = await hooksEdgeHandler().fetch(new Request("http://edge/healthz"), { GITLAB_WEBHOOK_SECRET: "s" });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      "DATABASE_URL: required (or a HYPERDRIVE binding)",
    );
  });

  it("takes the Hyperdrive binding's connection string over DATABASE_URL", async () => {
    const res = await hooksEdgeHandler().fetch(new Request("http://edge/healthz"), {
      DATABASE_URL: "not a url",
      HYPERDRIVE: { connectionString: "postgres://user:pw@hyperdrive.local:5432/agora" },
    });
    expect(res.status).toBe(200);
  });
});
