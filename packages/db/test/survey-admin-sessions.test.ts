import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAdminSession, deleteExpiredAdminSessions, findAdminSession, insertAdminSession } from "../src/index.ts";
import { dialects, freshDatabase, type TestDatabase } from "../src/testing.ts";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const at = (iso: string) => new Date(iso);

describe.each(dialects)("survey admin sessions on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
  });
  afterAll(() => t.drop());

  it("finds a session by its hash until it expires, and no longer once deleted", async () => {
    const session = sha(randomBytes(32).toString("hex"));
    await insertAdminSession(t.db, {
      sessionSha256: session,
      adminTokenSha256: sha("admin"),
      createdAt: at("2026-06-01T12:00:00Z"),
      expiresAt: at("2026-06-01T14:00:00Z"),
    });
    expect(await findAdminSession(t.db, session, at("2026-06-01T13:59:59Z"))).toEqual({
      adminTokenSha256: sha("admin"),
      expiresAt: "2026-06-01T14:00:00.000Z",
    });
    expect(await findAdminSession(t.db, session, at("2026-06-01T14:00:00Z"))).toBeUndefined();
    expect(await findAdminSession(t.db, sha("another"), at("2026-06-01T13:00:00Z"))).toBeUndefined();
    expect(await deleteAdminSession(t.db, session)).toBe(true);
    expect(await deleteAdminSession(t.db, session)).toBe(false);
    expect(await findAdminSession(t.db, session, at("2026-06-01T13:00:00Z"))).toBeUndefined();
  });

  it("deletes expired sessions only", async () => {
    const [old, current] = [sha("old"), sha("current")];
    await insertAdminSession(t.db, {
      sessionSha256: old,
      adminTokenSha256: sha("admin"),
      createdAt: at("2026-06-02T08:00:00Z"),
      expiresAt: at("2026-06-02T10:00:00Z"),
    });
    await insertAdminSession(t.db, {
      sessionSha256: current,
      adminTokenSha256: sha("admin"),
      createdAt: at("2026-06-02T09:30:00Z"),
      expiresAt: at("2026-06-02T11:30:00Z"),
    });
    expect(await deleteExpiredAdminSessions(t.db, at("2026-06-02T10:30:00Z"))).toBeGreaterThanOrEqual(1);
    expect(await findAdminSession(t.db, current, at("2026-06-02T10:30:00Z"))).toBeDefined();
    const left = await t.db.query<{ session_sha256: string }>("select session_sha256 from agora_survey_admin_session");
    expect(left.map((r) => r.session_sha256)).not.toContain(old);
  });

  it("refuses a value that is not a sha256 in hex, so a raw cookie value cannot be stored by mistake", async () => {
    await expect(
      insertAdminSession(t.db, {
        sessionSha256: "raw-cookie-value",
        adminTokenSha256: sha("admin"),
        createdAt: new Date(),
        expiresAt: new Date(),
      }),
    ).rejects.toThrow();
  });
});
