import { createHash, createPublicKey } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import { countInvites, getSurvey, listResponses, type Sql } from "@agora/db";
import { dialects, freshDatabase, type TestDatabase } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBlindToken } from "../../src/cli/index.ts";
import { exampleAnswers, startBlindSurveyServer, type BlindSurveyServer } from "./blind-survey-server.ts";

/** Runs `agora survey blind-token` against the server with the credential in an env var. */
async function cliToken(server: BlindSurveyServer, slug: string, credential: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runBlindToken(
    ["--url", server.url, "--survey", slug, "--credential-env", "MEMBER_CREDENTIAL"],
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    { MEMBER_CREDENTIAL: credential },
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The answers posted to the page as a form, the way curl or a browser without JavaScript sends them. */
const answerWithToken = (server: BlindSurveyServer, slug: string, token: string) =>
  fetch(`${server.url}/s/${slug}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams([...exampleAnswers, ["token", token]]),
  });

/** A loopback port nothing listens on (any more). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Every row of every table (the queue's too), as text: where a leak would show. */
async function everyRowAsText(db: Sql): Promise<string> {
  const tables = await db.query<{ table_schema: string; table_name: string }>(
    `select table_schema, table_name from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  const dumps: string[] = [];
  for (const { table_schema, table_name } of tables) {
    const rows = await db.query<{ row: string }>(`select t::text as row from "${table_schema}"."${table_name}" t`);
    dumps.push(...rows.map((r) => r.row));
  }
  return dumps.join("\n");
}

/** The forms a value could be stored in: as sent, decoded as hex or base64, or hashed. */
function tracesOf(base64url: string): string[] {
  const bytes = Buffer.from(base64url, "base64url");
  const hex = bytes.toString("hex");
  return [
    base64url,
    bytes.toString("base64"),
    hex,
    hex.slice(0, 64),
    createHash("sha256").update(bytes).digest("hex"),
    createHash("sha256").update(base64url).digest("hex"),
  ];
}

describe.each(dialects)("the blind-token flow over HTTP on %s", (dialect) => {
  let t: TestDatabase;
  let server: BlindSurveyServer;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
    server = await startBlindSurveyServer(t.db);
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it("gives a member a token from the command line that answers once, and spends the credential for good", async () => {
    const { slug, credentials } = await server.openBlindSurvey(2);
    const credential = credentials[0]!;
    const got = await cliToken(server, slug, credential);
    expect(got.code).toBe(0);
    const publicKey = (await getSurvey(t.db, slug))!.blindPublicKey!;
    const fingerprint = createHash("sha256")
      .update(createPublicKey(publicKey).export({ type: "spki", format: "der" }))
      .digest("base64")
      .replace(/=+$/, "");
    expect(got.err).toBe(`signed by the survey key SHA256:${fingerprint}`);
    const token = got.out.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{86}\.[A-Za-z0-9_-]{342}$/);
    expect(await countInvites(t.db, slug)).toBe(1);

    const first = await answerWithToken(server, slug, token);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toMatch(new RegExp(`^/s/${slug}/thanks`));
    const second = await answerWithToken(server, slug, token);
    expect(second.status).toBe(400);
    expect(await second.text()).toContain("This token has been used already.");
    expect(await listResponses(t.db, slug)).toHaveLength(1);

    const again = await cliToken(server, slug, credential);
    expect(again.code).toBe(1);
    expect(again.out).toBe("");
    expect(again.err).toContain("403");
    expect(again.err).toContain("already used");
    expect(again.err).not.toContain(credential);
  });

  it("names what is missing on the command line and never takes the credential from it", async () => {
    const lines: string[] = [];
    const output = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
    expect(await runBlindToken(["--url", server.url, "--survey", "x"], output, {})).toBe(2);
    expect(lines.pop()).toMatch(/^usage: agora survey blind-token/);
    expect(await runBlindToken(["--url", server.url, "--survey", "x", "--credential", "secret"], output, {})).toBe(2);
    expect(lines.pop()).toContain("--credential");
    expect(await runBlindToken(["--url", server.url, "--survey", "x", "--credential-env", "NOPE"], output, {})).toBe(2);
    expect(lines.pop()).toBe("the environment variable NOPE is empty or unset: put the membership credential there");
    expect(
      await runBlindToken(["--url", server.url, "--survey", "no-such", "--credential-env", "C"], output, { C: "c" }),
    ).toBe(1);
    expect(lines.pop()).toBe('no token: 404 from /api/surveys/no-such/blind-key: no blind survey "no-such"');
    const closed = await closedPort();
    expect(
      await runBlindToken(["--url", `http://127.0.0.1:${closed}`, "--survey", "x", "--credential-env", "C"], output, {
        C: "c",
      }),
    ).toBe(1);
    expect(lines.pop()).toBe(`no token: cannot reach http://127.0.0.1:${closed}: ECONNREFUSED`);
    expect(
      await runBlindToken(["--url", "not a url", "--survey", "x", "--credential-env", "C"], output, { C: "c" }),
    ).toBe(1);
    expect(lines.pop()).toBe("no token: --url: not a URL: not a url");
  });

  it("gives one signature for one credential however many requests race for it", async () => {
    const { slug, credentials } = await server.openBlindSurvey(1);
    const results = await Promise.all(Array.from({ length: 8 }, () => cliToken(server, slug, credentials[0]!)));
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    expect(results.filter((r) => r.code === 1 && r.err.includes("403"))).toHaveLength(7);
    expect(await countInvites(t.db, slug)).toBe(0);
  });

  it("keeps neither the credential's hash nor anything of the blinded message or the blind signature", async () => {
    const { slug, credentials } = await server.openBlindSurvey(1);
    const credential = credentials[0]!;
    const key = (await (await fetch(`${server.url}/api/surveys/${slug}/blind-key`)).json()) as { public_key: string };
    // A blinded message made by hand: any number below n is one, and it is what the server sees.
    const blinded = Buffer.alloc(256, 0x11).toString("base64url");
    const signed = await fetch(`${server.url}/api/surveys/${slug}/blind-sign`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ credential, blinded_message: blinded }),
    });
    expect(signed.status).toBe(200);
    const { blind_signature } = (await signed.json()) as { blind_signature: string };
    expect(key.public_key).toContain("BEGIN PUBLIC KEY");

    const stored = await everyRowAsText(t.db);
    expect(stored).toContain(slug);
    const credentialHash = createHash("sha256").update(credential).digest("hex");
    for (const trace of [credential, credentialHash, ...tracesOf(blinded), ...tracesOf(blind_signature)]) {
      expect(stored).not.toContain(trace);
    }
  });
});
