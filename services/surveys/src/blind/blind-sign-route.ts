import { AppError, closing, jsonBodyOnly, newRoutes } from "@agora/http";
import { createRoute } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { SurveyDeps } from "../survey-deps.ts";
import { BlindSignRequest, BlindSignResponse, ErrorEnvelope, SlugParam } from "./blind-api-schemas.ts";
import { issueBlindSignature, type IssueBlindSignatureResult } from "./issue-blind-signature.ts";

/** A credential and a blinded message fit many times over; nothing larger is read. */
const SIGN_BODY_LIMIT = 16 * 1024;

function signBodyLimit() {
  return bodyLimit({
    maxSize: SIGN_BODY_LIMIT,
    onError: (c) => {
      closing(c);
      throw new AppError("payload_too_large", `body: larger than the limit of ${SIGN_BODY_LIMIT} bytes`);
    },
  });
}

const route = createRoute({
  method: "post",
  path: "/api/surveys/{slug}/blind-sign",
  summary: "Spends a membership credential for one RFC 9474 blind signature on a token the member blinded",
  tags: ["surveys"],
  middleware: [jsonBodyOnly(), signBodyLimit()] as const,
  request: {
    params: SlugParam,
    body: { content: { "application/json": { schema: BlindSignRequest } }, required: true },
  },
  responses: {
    200: {
      description: "The blind signature; the credential is spent",
      content: { "application/json": { schema: BlindSignResponse } },
    },
    400: {
      description: "A malformed slug, bad JSON, a missing field, or a blinded message that is not below the modulus",
      content: { "application/json": { schema: ErrorEnvelope } },
    },
    403: { description: "Unknown or spent credential", content: { "application/json": { schema: ErrorEnvelope } } },
    404: { description: "No such blind survey", content: { "application/json": { schema: ErrorEnvelope } } },
    409: { description: "The survey is not open", content: { "application/json": { schema: ErrorEnvelope } } },
    413: {
      description: `The body is larger than ${SIGN_BODY_LIMIT} bytes`,
      content: { "application/json": { schema: ErrorEnvelope } },
    },
    415: {
      description: "The body is not application/json",
      content: { "application/json": { schema: ErrorEnvelope } },
    },
  },
});

type Refusal = Exclude<IssueBlindSignatureResult, { ok: true }>;

// Messages name the problem, never the credential or the message the member sent.
function refusal(slug: string, result: Refusal): AppError {
  switch (result.reason) {
    case "no-survey":
    case "draft":
      return new AppError("not_found", `no blind survey "${slug}"`);
    case "not-yet":
      return new AppError("conflict", `survey "${slug}" is not open yet`);
    case "closed":
      return new AppError("conflict", `survey "${slug}" is closed`);
    case "bad-message":
      return new AppError("validation_failed", `body.${result.message}`);
    case "credential-refused":
      return new AppError(
        "forbidden",
        "body.credential: not a valid credential of this survey, or already used for a signature",
      );
  }
}

export function blindSignRoute() {
  const routes = newRoutes<SurveyDeps>();
  routes.openapi(route, async (c) => {
    const { slug } = c.req.valid("param");
    const body = c.req.valid("json");
    const { db, surveys } = c.var.deps;
    const result = await issueBlindSignature({
      ctx: { db, now: () => surveys.now() },
      input: { slug, credential: body.credential, blindedMessage: Buffer.from(body.blinded_message, "base64url") },
    });
    if (!result.ok) throw refusal(slug, result);
    c.header("Cache-Control", "no-store");
    return c.json({ blind_signature: result.blindSignature.toString("base64url") }, 200);
  });
  return routes;
}
