import { storeResponse, type AnswerTicket, type Sql } from "@agora/db";
import { parseAnswers, type AnswerError, type FormFields } from "../answers/index.ts";
import { tokenHash } from "./token-hash.ts";
import { availability, loadSurvey, type Availability, type LoadedSurvey } from "./load-survey.ts";

/** What proves the right to answer, as the member sent it; only its hash is ever stored. */
export type SubmittedTicket = { kind: "none" } | { kind: "invite"; token: string } | { kind: "blind"; token: string };

export interface SubmitAnswerInput {
  slug: string;
  form: FormFields;
  ticket: SubmittedTicket;
  /** The survey, when the caller has just loaded it (the page does, to choose its language): not read twice. */
  loaded?: LoadedSurvey;
}

export type SubmitAnswerResult =
  | { ok: true; answerCount: number }
  | { ok: false; reason: "no-survey" }
  | { ok: false; reason: Exclude<Availability, "open"> }
  | { ok: false; reason: "invalid"; errors: AnswerError[] }
  | { ok: false; reason: "ticket-needed" | "ticket-spent" };

export interface SubmitAnswerContext {
  db: Sql;
  now(): Date;
}

/**
 * Checks and stores one member's answer. Blind tokens must be verified by the caller (the
 * signature check needs the survey's key) before they reach here as `blind`.
 */
export async function submitAnswer({
  ctx,
  input,
}: {
  ctx: SubmitAnswerContext;
  input: SubmitAnswerInput;
}): Promise<SubmitAnswerResult> {
  const survey = input.loaded ?? (await loadSurvey(ctx.db, input.slug));
  if (!survey) return { ok: false, reason: "no-survey" };
  const now = ctx.now();
  const open = availability(survey, now);
  if (open !== "open") return { ok: false, reason: open };
  const mode = survey.definition.access.mode;
  if (mode !== "open" && input.ticket.kind !== mode) return { ok: false, reason: "ticket-needed" };
  const parsed = parseAnswers(survey.definition, input.form);
  if (!parsed.ok) return { ok: false, reason: "invalid", errors: parsed.errors };
  const result = await storeResponse(ctx.db, {
    slug: input.slug,
    answers: parsed.answers.answers,
    texts: parsed.answers.texts,
    day: now.toISOString().slice(0, 10),
    ticket: mode === "open" ? { kind: "none" } : hashTicket(input.ticket),
  });
  if (result.stored) return { ok: true, answerCount: result.answerCount };
  return { ok: false, reason: result.reason === "not-open" ? "closed" : "ticket-spent" };
}

function hashTicket(ticket: SubmittedTicket): AnswerTicket {
  if (ticket.kind === "none") return ticket;
  return { kind: ticket.kind, tokenSha256: tokenHash(ticket.token) };
}
