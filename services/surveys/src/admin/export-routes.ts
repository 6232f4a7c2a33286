import { AppError, newRoutes } from "@agora/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requireSurveyAdmin } from "./admin-auth.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { exportAnswers, type ExportFile } from "../verbs/export-answers.ts";
import {
  adminSecurity,
  AnswersExportDoc,
  CodebookDoc,
  errorResponses,
  ExportQuery,
  SlugParams,
} from "./admin-schemas.ts";

const exportRoute = createRoute({
  method: "get",
  path: "/api/surveys/{slug}/export",
  summary: "Every stored answer as CSV or JSON, or the CSV's codebook",
  description:
    "CSV (`format=csv`, the default): one header row of question texts in the survey's first language, then one row per answer; one column per option of a multiple choice (1 chosen, 0 not, empty when not answered), per ranked option (its position), per likert row (the scale point's position), per \"other\" text. UTF-8, CRLF, RFC 4180 quoting; `bom=1` adds a byte order mark; text cells starting with = + - @ get a leading `'`. JSON (`format=json`): the answers exactly as stored. Codebook (`format=codebook`): each CSV column's id, header, meaning and value labels, and the questions in every language.",
  tags: ["surveys"],
  security: adminSecurity,
  middleware: [requireSurveyAdmin()] as const,
  request: { params: SlugParams, query: ExportQuery },
  responses: {
    200: {
      description:
        "A download (Content-Disposition: attachment): <slug>-answers.csv, <slug>-answers.json or <slug>-codebook.json",
      content: {
        "text/csv": { schema: { type: "string" as const } },
        "application/json": { schema: z.union([AnswersExportDoc, CodebookDoc]) },
      },
    },
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

/** Sends an export as a download, the same bytes and headers from the API and the admin pages. */
export function sendExportFile(c: Context, file: ExportFile): Response {
  c.header("Content-Disposition", `attachment; filename="${file.filename}"`);
  // Answers are personal data even without names: no cache may keep a copy.
  c.header("Cache-Control", "no-store");
  return c.body(file.body, 200, { "Content-Type": file.contentType });
}

export function exportRoutes() {
  const routes = newRoutes<SurveyDeps>();
  routes.openapi(exportRoute, async (c) => {
    const { slug } = c.req.valid("param");
    const { format, bom } = c.req.valid("query");
    const result = await exportAnswers({ ctx: { db: c.var.deps.db }, input: { slug, format, bom: bom === "1" } });
    if (!result.ok) throw new AppError("not_found", `no survey "${slug}"`);
    // The body is a string in every format so both routes send the very same bytes.
    return sendExportFile(c, result);
  });
  return routes;
}
