import { describe, expect, it } from "vitest";
import { createLogger, createMetrics, createServiceApp, newRoutes } from "../src/index.ts";

function build() {
  const app = createServiceApp({
    service: "test",
    deps: {},
    logger: createLogger({ level: "silent" }),
    metrics: createMetrics({ defaultMetrics: false }),
    readiness: {},
  });
  const things = newRoutes<object>();
  things.get("/api/things/:id", (c) => c.json({ id: c.req.param("id") }));
  things.delete("/api/things/:id", (c) => c.body(null, 204));
  things.use("/api/only-middleware/*", async (_c, next) => next());
  app.route("/", things);
  return app;
}

// undici refuses to build a TRACE request, so PATCH stands for any method no route answers;
// the Schemathesis test sends TRACE to a real server.
describe("a method no route answers on a known path", () => {
  it("is refused with 405, the envelope, and Allow listing what the path answers", async () => {
    const res = await build().request("/api/things/7", { method: "PATCH" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, DELETE, HEAD, OPTIONS");
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("method_not_allowed");
    expect(body.error.message).toContain("PATCH");
  });

  it("answers OPTIONS with 204 and Allow", async () => {
    const res = await build().request("/healthz", { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("leaves unknown paths, and paths only middleware covers, at 404", async () => {
    const app = build();
    expect((await app.request("/api/nothing", { method: "PATCH" })).status).toBe(404);
    expect((await app.request("/api/only-middleware/x")).status).toBe(404);
  });
});
