import { Writable } from "node:stream";
import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { AppError, createLogger, createMetrics, createServiceApp, newRoutes } from "../src/index.ts";

function build(readyOk = true) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: "debug", destination });
  const metrics = createMetrics({ defaultMetrics: false });
  const app = createServiceApp({
    service: "test",
    deps: { greeting: "hi" },
    logger,
    metrics,
    readiness: {
      database: async () => {
        if (!readyOk) throw new Error("connection refused");
      },
    },
  });
  const things = newRoutes<{ greeting: string }>();
  things.openapi(
    createRoute({
      method: "post",
      path: "/api/things",
      summary: "Make a thing",
      request: {
        body: {
          content: { "application/json": { schema: z.object({ name: z.string().min(1), size: z.number().int() }) } },
        },
      },
      responses: {
        201: { description: "Made", content: { "application/json": { schema: z.object({ said: z.string() }) } } },
      },
    }),
    (c) => c.json({ said: `${c.var.deps.greeting} ${c.req.valid("json").name}` }, 201),
  );
  things.get("/api/boom", () => {
    throw new Error("secret internals");
  });
  things.get("/api/conflict", () => {
    throw new AppError("conflict", "already there");
  });
  app.route("/", things);
  return { app, lines };
}

describe("service app", () => {
  it("answers health and readiness", async () => {
    const { app } = build();
    expect(await (await app.request("/healthz")).json()).toEqual({ status: "ok" });
    const ready = await app.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok", checks: { database: { ok: true } } });
  });

  it("reports not ready with the reason", async () => {
    const { app } = build(false);
    const res = await app.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: "unavailable",
      checks: { database: { ok: false, error: "connection refused" } },
    });
  });

  it("runs a typed route with its deps and a request id", async () => {
    const { app } = build();
    const res = await app.request("/api/things", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "lamp", size: 3 }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ said: "hi lamp" });
    expect(res.headers.get("x-request-id")).toMatch(/.+/);
  });

  it("names every invalid field in the envelope", async () => {
    const { app } = build();
    const res = await app.request("/api/things", {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "req-1" },
      body: JSON.stringify({ name: "", size: 1.5 }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.message).toContain("body.name:");
    expect(body.error.message).toContain("body.size:");
    expect(body.error.requestId).toBe("req-1");
  });

  it("answers malformed JSON with a 400, not a crash", async () => {
    const { app } = build();
    const res = await app.request("/api/things", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_request");
  });

  it("hides internal errors from clients but logs them", async () => {
    const { app, lines } = build();
    const res = await app.request("/api/boom");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret internals");
    expect(JSON.parse(text).error.code).toBe("internal");
    expect(lines.join("")).toContain("secret internals");
  });

  it("maps AppError codes to statuses and unknown paths to 404", async () => {
    const { app } = build();
    expect((await app.request("/api/conflict")).status).toBe(409);
    const missing = await app.request("/nowhere");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("sets security headers that forbid other hosts", async () => {
    const { app } = build();
    const res = await app.request("/healthz");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("publishes the API document and a page listing it", async () => {
    const { app } = build();
    const doc = (await (await app.request("/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/healthz", "/readyz", "/api/things"]));
    const docs = await (await app.request("/docs")).text();
    expect(docs).toContain("/api/things");
    expect(docs).toContain("Make a thing");
    expect(docs).not.toMatch(/https?:\/\/(?!localhost)/);
  });

  it("counts requests by matched route in Prometheus text", async () => {
    const { app } = build();
    await app.request("/healthz");
    const text = await (await app.request("/metrics")).text();
    expect(text).toMatch(/agora_http_requests_total\{service="test",method="GET",route="\/healthz",status="200"\} 1/);
  });
});
