import { createHmac } from "node:crypto";
import { dialects } from "@agora/db/testing";
import { afterEach, describe, expect, it } from "vitest";
import { discourseSignatureMatches } from "../src/index.ts";
import { DISCOURSE_SECRET, fixtureText, intakeHarness, type Harness } from "./harness.ts";

interface Vector {
  secret: string;
  raw_body: string;
  headers_expected: Record<string, string>;
}
const vector = JSON.parse(fixtureText("discourse/discourse_spec_ping_signature_vector.json")) as Vector;
const fedora = JSON.parse(fixtureText("discourse/fedora_post_created.json")) as {
  headers: Record<string, string>;
  body: unknown;
};

const sign = (raw: string, secret = DISCOURSE_SECRET) =>
  `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;

function post(h: Harness, raw: string, headers: Record<string, string>) {
  return h.app.request("/hooks/discourse", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: raw,
  });
}

describe("Discourse signature", () => {
  it("matches Discourse's own test vector", async () => {
    const raw = new TextEncoder().encode(vector.raw_body);
    expect(
      await discourseSignatureMatches(vector.headers_expected["X-Discourse-Event-Signature"], raw, vector.secret),
    ).toBe(true);
  });

  it("fails for a changed byte, a changed secret, or a missing header", async () => {
    const header = vector.headers_expected["X-Discourse-Event-Signature"];
    expect(await discourseSignatureMatches(header, new TextEncoder().encode('{"ping":"OK" }'), vector.secret)).toBe(
      false,
    );
    expect(await discourseSignatureMatches(header, new TextEncoder().encode(vector.raw_body), "other")).toBe(false);
    expect(await discourseSignatureMatches(undefined, new TextEncoder().encode(vector.raw_body), vector.secret)).toBe(
      false,
    );
  });
});

describe.each(dialects)("Discourse intake on %s", (dialect) => {
  let h: Harness;
  afterEach(() => h.t.drop());

  it("accepts the spec's ping delivery with its exact headers", async () => {
    h = await intakeHarness(dialect);
    const res = await post(h, vector.raw_body, { ...vector.headers_expected, "X-Discourse-Event-Id": "1" });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe("");
    expect((await h.inbox())[0]?.body).toBe(vector.raw_body);
  });

  it("stores a real Fedora delivery signed over its raw bytes, once per instance and event id", async () => {
    h = await intakeHarness(dialect);
    // Spacing differs from JSON.stringify's on purpose: the signature is over these bytes.
    const raw = JSON.stringify(fedora.body, null, 1);
    const headers = { ...fedora.headers, "X-Discourse-Event-Signature": sign(raw) };
    expect((await post(h, raw, headers)).status).toBe(202);
    expect((await post(h, raw, headers)).status).toBe(202);
    expect((await post(h, raw, { ...headers, "X-Discourse-Instance": "https://forum.example.org" })).status).toBe(202);
    const rows = await h.inbox();
    expect(rows).toHaveLength(2);
    expect(rows[0]?.event).toBe("post_created");
    expect(rows[0]?.headers["x-discourse-event-id"]).toBe("158765");
    expect(JSON.stringify(rows[0]?.headers)).not.toContain("sha256=");
    expect(await h.jobs()).toHaveLength(2);
  });

  it("refuses a signature made over other bytes with 401 and stores nothing", async () => {
    h = await intakeHarness(dialect);
    const raw = JSON.stringify(fedora.body);
    const res = await post(h, raw, { ...fedora.headers, "X-Discourse-Event-Signature": sign(raw + " ") });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      "X-Discourse-Event-Signature",
    );
    expect(await h.inbox()).toHaveLength(0);
  });

  it("stores a signed event of a kind Agora does not use", async () => {
    h = await intakeHarness(dialect);
    const raw = '{"user_badge":{"id":1}}';
    const res = await post(h, raw, {
      "X-Discourse-Event": "user_badge_granted",
      "X-Discourse-Event-Id": "77",
      "X-Discourse-Event-Signature": sign(raw),
    });
    expect(res.status).toBe(202);
  });

  it("refuses signed bytes that are not a JSON object with 400", async () => {
    h = await intakeHarness(dialect);
    const raw = "not json";
    const res = await post(h, raw, { "X-Discourse-Event": "ping", "X-Discourse-Event-Signature": sign(raw) });
    expect(res.status).toBe(400);
  });
});
