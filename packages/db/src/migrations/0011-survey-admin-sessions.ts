import type { Migration } from "../migrate.ts";

// Sessions of the survey admin pages. The cookie's value is never stored: only its sha256, so a
// copy of the database cannot be replayed as a cookie. `admin_token_sha256` names the admin token
// the session was opened with, so that removing the token from the configuration ends its
// sessions too. Expired rows are deleted at each sign-in; the index finds them.
export const surveyAdminSessions: Migration = {
  id: "0011-survey-admin-sessions",
  sql: `
    create table agora_survey_admin_session (
      session_sha256 text primary key check (session_sha256 ~ '^[0-9a-f]{64}$'),
      admin_token_sha256 text not null check (admin_token_sha256 ~ '^[0-9a-f]{64}$'),
      created_at timestamptz not null,
      expires_at timestamptz not null
    );
    create index agora_survey_admin_session_expiry on agora_survey_admin_session (expires_at);
  `,
};
