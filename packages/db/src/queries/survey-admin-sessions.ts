import type { Sql } from "../sql.ts";

export interface AdminSession {
  /** sha256 (hex) of the admin token the session was opened with. */
  adminTokenSha256: string;
  expiresAt: string;
}

/** Stores a new session by the sha256 of its cookie value; the value itself is never stored. */
export async function insertAdminSession(
  sql: Sql,
  session: { sessionSha256: string; adminTokenSha256: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await sql.query(
    "insert into agora_survey_admin_session (session_sha256, admin_token_sha256, created_at, expires_at) values ($1, $2, $3, $4)",
    [session.sessionSha256, session.adminTokenSha256, session.createdAt.toISOString(), session.expiresAt.toISOString()],
  );
}

/** The session with this hash if it has not expired at `now`. */
export async function findAdminSession(sql: Sql, sessionSha256: string, now: Date): Promise<AdminSession | undefined> {
  const rows = await sql.query<{ admin_token_sha256: string; expires_at: Date | string }>(
    "select admin_token_sha256, expires_at from agora_survey_admin_session where session_sha256 = $1 and expires_at > $2",
    [sessionSha256, now.toISOString()],
  );
  const row = rows[0];
  return row && { adminTokenSha256: row.admin_token_sha256, expiresAt: new Date(row.expires_at).toISOString() };
}

/** Ends a session (sign-out); true when there was one. */
export async function deleteAdminSession(sql: Sql, sessionSha256: string): Promise<boolean> {
  const rows = await sql.query("delete from agora_survey_admin_session where session_sha256 = $1 returning 1", [
    sessionSha256,
  ]);
  return rows.length > 0;
}

/** Deletes the sessions expired at `now`; returns how many. */
export async function deleteExpiredAdminSessions(sql: Sql, now: Date): Promise<number> {
  const rows = await sql.query("delete from agora_survey_admin_session where expires_at <= $1 returning 1", [
    now.toISOString(),
  ]);
  return rows.length;
}
