import { getSurveyBlindPrivateKey, spendInvite, type Sql } from "@agora/db";
import { availability, loadSurvey, type Availability } from "../verbs/load-survey.ts";
import { tokenHash } from "../verbs/token-hash.ts";
import { blindSigner } from "./blind-sign.ts";

export interface IssueBlindSignatureInput {
  slug: string;
  /** The member's invite token (or admin-issued credential), as they sent it. */
  credential: string;
  blindedMessage: Uint8Array;
}

export type IssueBlindSignatureResult =
  | { ok: true; blindSignature: Buffer }
  | { ok: false; reason: "no-survey" }
  | { ok: false; reason: Exclude<Availability, "open"> }
  | { ok: false; reason: "bad-message"; message: string }
  | { ok: false; reason: "credential-refused" };

/**
 * One membership proof buys one blind signature: the credential is deleted in the transaction
 * that signs, so two requests with one credential race on its row and only one gets a signature.
 * Nothing of the request is stored: not the credential (its row is gone), not the blinded message,
 * not the signature, not the time.
 */
export async function issueBlindSignature({
  ctx,
  input,
}: {
  ctx: { db: Sql; now(): Date };
  input: IssueBlindSignatureInput;
}): Promise<IssueBlindSignatureResult> {
  const survey = await loadSurvey(ctx.db, input.slug);
  if (!survey || survey.definition.access.mode !== "blind") return { ok: false, reason: "no-survey" };
  const open = availability(survey, ctx.now());
  if (open !== "open") return { ok: false, reason: open };
  const privateKeyPem = await getSurveyBlindPrivateKey(ctx.db, input.slug);
  if (!privateKeyPem) throw new Error(`blind survey ${input.slug} has no signing key`);
  const signer = blindSigner(privateKeyPem);
  // Checked before the transaction, so a malformed message never costs the member their credential.
  const problem = signer.problemWith(input.blindedMessage);
  if (problem) return { ok: false, reason: "bad-message", message: problem };
  const credentialSha256 = tokenHash(input.credential);
  return ctx.db.transaction<IssueBlindSignatureResult>(async (tx) => {
    if (!(await spendInvite(tx, input.slug, credentialSha256))) return { ok: false, reason: "credential-refused" };
    // A throw while signing rolls the spent credential back.
    return { ok: true, blindSignature: signer.sign(input.blindedMessage) };
  });
}
