import { createPublicKey } from "node:crypto";
import { PassThrough } from "node:stream";
import { countInvites, setSurveyState } from "@agora/db";
import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { createLogger } from "@agora/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSurvey } from "../../src/verbs/create-survey.ts";
import { exampleSurvey } from "../../src/testing/index.ts";
import { blindSurvey, buildSurveyApp, openBlindSurvey } from "./blind-survey-server.ts";

let t: TestDatabase;
let app: ReturnType<typeof buildSurveyApp>["app"];
let slug: string;
let credentials: string[];
let modulus: Buffer;
const logged: string[] = [];

const post = (path: string, body: unknown, raw = false) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: raw ? (body as string) : JSON.stringify(body),
  });
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
const message = (byte: number) => Buffer.alloc(256, byte).toString("base64url");

beforeAll(async () => {
  t = await freshDatabase("pglite");
  const logs = new PassThrough();
  logs.on("data", (chunk: Buffer) => logged.push(chunk.toString()));
  app = buildSurveyApp(t.db, { logger: createLogger({ level: "trace", destination: logs }) }).app;
  ({ slug, credentials } = await openBlindSurvey(t.db, 3));
  await createSurvey({
    ctx: { db: t.db },
    input: { definition: { ...exampleSurvey(), slug: "open-one" }, state: "open" },
  });
  const key = (await (await app.request(`/api/surveys/${slug}/blind-key`)).json()) as { public_key: string };
  modulus = Buffer.from(createPublicKey(key.public_key).export({ format: "jwk" }).n!, "base64url");
});
afterAll(() => t.drop());

describe("GET /api/surveys/:slug/blind-key", () => {
  it("gives a blind survey's SPKI public key and the RFC 9474 variant", async () => {
    const res = await app.request(`/api/surveys/${slug}/blind-key`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({ slug, variant: "RSABSSA-SHA384-PSS-Randomized" });
    expect(body.public_key).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(createPublicKey(body.public_key!).asymmetricKeyDetails).toMatchObject({ modulusLength: 2048 });
  });

  it("answers 404 for an unknown survey and for a survey that is not blind", async () => {
    for (const path of ["/api/surveys/nope/blind-key", "/api/surveys/open-one/blind-key"]) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe("not_found");
    }
  });
});

describe("POST /api/surveys/:slug/blind-sign", () => {
  it("answers a blinded message with a blind signature of the modulus length, spending the credential", async () => {
    const res = await post(`/api/surveys/${slug}/blind-sign`, {
      credential: credentials[0],
      blinded_message: message(0x22),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { blind_signature: string };
    expect(Buffer.from(body.blind_signature, "base64url")).toHaveLength(256);
    expect(await countInvites(t.db, slug)).toBe(2);
    const again = await post(`/api/surveys/${slug}/blind-sign`, {
      credential: credentials[0],
      blinded_message: message(0x23),
    });
    expect(again.status).toBe(403);
    expect(await errorOf(again)).toMatchObject({ code: "forbidden", message: expect.stringContaining("already used") });
  });

  it("names the field of bad JSON, a missing field, or a blinded message that is not base64url, below n and of n's length", async () => {
    const cases: [unknown, boolean, string][] = [
      ["{not json", true, "JSON"],
      [{ blinded_message: message(1) }, false, "body.credential"],
      [{ credential: credentials[1] }, false, "body.blinded_message"],
      [{ credential: credentials[1], blinded_message: "not base64!" }, false, "body.blinded_message"],
      [
        { credential: credentials[1], blinded_message: modulus.toString("base64url") },
        false,
        "body.blinded_message: must be a number smaller than the key's modulus",
      ],
      [
        { credential: credentials[1], blinded_message: Buffer.alloc(255, 1).toString("base64url") },
        false,
        "body.blinded_message: must be 342 characters: the key's 256 bytes",
      ],
    ];
    for (const [body, raw, named] of cases) {
      const res = await post(`/api/surveys/${slug}/blind-sign`, body, raw);
      expect(res.status, named).toBe(400);
      expect((await errorOf(res)).message).toContain(named);
    }
    const plain = await app.request(`/api/surveys/${slug}/blind-sign`, {
      method: "POST",
      body: JSON.stringify({ credential: credentials[1], blinded_message: message(1) }),
    });
    expect(plain.status).toBe(415);
    expect((await errorOf(plain)).message).toBe("body: send JSON with Content-Type: application/json");
    const huge = await post(`/api/surveys/${slug}/blind-sign`, {
      credential: "x".repeat(20_000),
      blinded_message: message(1),
    });
    expect(huge.status).toBe(413);
    expect(await errorOf(huge)).toMatchObject({ code: "payload_too_large" });
    // A refused message never costs the member their credential.
    expect(await countInvites(t.db, slug)).toBe(2);
  });

  it("refuses an unknown credential with 403 and a survey that is unknown, not blind, draft or closed", async () => {
    const unknown = await post(`/api/surveys/${slug}/blind-sign`, {
      credential: "made-up",
      blinded_message: message(3),
    });
    expect(unknown.status).toBe(403);
    expect((await post("/api/surveys/nope/blind-sign", { credential: "x", blinded_message: message(3) })).status).toBe(
      404,
    );
    expect(
      (await post("/api/surveys/open-one/blind-sign", { credential: "x", blinded_message: message(3) })).status,
    ).toBe(404);

    const later = blindSurvey();
    const soon = await openBlindSurvey(t.db, 1, {
      ...later,
      opens_at: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const notYet = await post(`/api/surveys/${soon.slug}/blind-sign`, {
      credential: soon.credentials[0],
      blinded_message: message(3),
    });
    expect(notYet.status).toBe(409);
    expect((await errorOf(notYet)).message).toContain("not open yet");

    const ended = await openBlindSurvey(t.db, 1);
    await setSurveyState(t.db, ended.slug, "closed");
    const closed = await post(`/api/surveys/${ended.slug}/blind-sign`, {
      credential: ended.credentials[0],
      blinded_message: message(3),
    });
    expect(closed.status).toBe(409);
    await setSurveyState(t.db, ended.slug, "draft");
    expect(
      (
        await post(`/api/surveys/${ended.slug}/blind-sign`, {
          credential: ended.credentials[0],
          blinded_message: message(3),
        })
      ).status,
    ).toBe(404);
    expect(await countInvites(t.db, ended.slug)).toBe(1);
  });

  it("logs neither the credential nor the messages, even at trace level", async () => {
    const credential = credentials[2]!;
    const blinded = message(0x44);
    const res = await post(`/api/surveys/${slug}/blind-sign`, { credential, blinded_message: blinded });
    const { blind_signature } = (await res.json()) as { blind_signature: string };
    await post(`/api/surveys/${slug}/blind-sign`, { credential, blinded_message: blinded });
    const log = logged.join("");
    expect(log).toContain("blind-sign");
    for (const secret of [credential, blinded, blind_signature]) expect(log).not.toContain(secret);
  });
});

describe("GET /assets/survey-blind.js", () => {
  it("serves the page's script as cacheable JavaScript, revalidated by its ETag", async () => {
    const res = await app.request("/assets/survey-blind.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(await res.text()).toContain("blind-token-section");
    const etag = res.headers.get("etag")!;
    const again = await app.request("/assets/survey-blind.js", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });
});
