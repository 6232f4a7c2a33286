import type { Migration } from "../migrate.ts";

// Anonymity is structural: a response row holds a random id, the survey, the day and the answers,
// and nothing else. No column could hold an address, an agent, a cookie or a time of day.
//
// Invites and blind-token credentials are deleted when spent rather than flagged: an updated row
// would carry the same transaction id (xmin) as the answer stored with it, and link the two.
// Spent blind tokens are kept (to refuse a second use); they were made by the member and signed
// blind, so they name no one.
export const surveys: Migration = {
  id: "0007-surveys",
  sql: `
    create table agora_survey (
      slug text primary key,
      definition jsonb not null,
      state text not null default 'draft' check (state in ('draft', 'open', 'closed')),
      -- 'api', or the file it was loaded from; a file's survey is updated when the file changes.
      source text not null default 'api',
      source_sha256 text,
      answer_count integer not null default 0,
      -- RSA key pair (PKCS#8 and SPKI, PEM) that signs blind tokens of a blind survey.
      blind_private_key text,
      blind_public_key text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table agora_survey_response (
      id uuid primary key default gen_random_uuid(),
      survey_slug text not null references agora_survey (slug) on delete cascade,
      day date not null,
      answers jsonb not null,
      texts jsonb not null default '{}'
    );
    create index agora_survey_response_survey on agora_survey_response (survey_slug);

    create table agora_survey_invite (
      survey_slug text not null references agora_survey (slug) on delete cascade,
      token_sha256 text not null,
      primary key (survey_slug, token_sha256)
    );

    create table agora_survey_spent_token (
      survey_slug text not null references agora_survey (slug) on delete cascade,
      token_sha256 text not null,
      primary key (survey_slug, token_sha256)
    );
  `,
};
