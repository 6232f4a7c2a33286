import { describeIssues } from "@agora/schemas";
import { newRoutes } from "@agora/http";
import { ExportQuery, InvitesRequest } from "../admin/admin-schemas.ts";
import { sendExportFile } from "../admin/export-routes.ts";
import { firstValue } from "../page/read-form.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { exportAnswers } from "../verbs/export-answers.ts";
import { generateInvites } from "../verbs/generate-invites.ts";
import { adminForm, adminFormChecks, adminMessagePage, adminPage } from "./admin-guard.ts";
import { surveyPath } from "./survey-pages.ts";
import { noSurveyPage } from "./survey-routes.ts";

/** The answers as a download, and invitations made and downloaded as a CSV of links. */
export function downloadRoutes() {
  const routes = newRoutes<SurveyDeps>();

  routes.get(
    "/admin/surveys/:slug/export",
    adminPage(async (c, session) => {
      const slug = c.req.param("slug") ?? "";
      // The API's own query rules, so both refuse the same things.
      const query = ExportQuery.safeParse({ format: c.req.query("format"), bom: c.req.query("bom") });
      if (!query.success) {
        const problem = describeIssues(query.error).join("; ");
        return adminMessagePage(c, {
          status: 400,
          title: "No such download",
          message: `Answers download as "csv", "json" or "codebook", a CSV with or without a byte order mark (${problem}).`,
          link: { href: surveyPath(slug), text: "Back to the survey" },
          session,
        });
      }
      const { format, bom } = query.data;
      const result = await exportAnswers({ ctx: { db: c.var.deps.db }, input: { slug, format, bom: bom === "1" } });
      if (!result.ok) return noSurveyPage(c, session, slug);
      return sendExportFile(c, result);
    }),
  );

  routes.post(
    "/admin/surveys/:slug/invites",
    adminFormChecks(),
    adminForm(async (c, session, form) => {
      const slug = c.req.param("slug") ?? "";
      const back = { href: `${surveyPath(slug)}#invites`, text: "Back to the survey" };
      const asked = InvitesRequest.safeParse({ count: Number(firstValue(form, "count") ?? "") });
      if (!asked.success) {
        return adminMessagePage(c, {
          status: 400,
          title: "How many links?",
          message: "Ask for a whole number of links from 1 to 10,000.",
          link: back,
          session,
        });
      }
      const { db, surveys } = c.var.deps;
      const result = await generateInvites({
        ctx: { db, publicUrl: surveys.publicUrl },
        input: { slug, count: asked.data.count },
      });
      if (!result.ok) {
        if (result.reason === "no-survey") return noSurveyPage(c, session, slug);
        return adminMessagePage(c, {
          status: 409,
          title: "No invitations for this survey",
          message: result.problem,
          link: back,
          session,
        });
      }
      // The count only: the tokens themselves must never reach a log.
      c.var.logger.info({ slug, count: asked.data.count }, "survey invites generated on the admin pages");
      c.header("Content-Disposition", `attachment; filename="${slug}-invites.csv"`);
      c.header("Cache-Control", "no-store");
      // A link is base64url in a URL: nothing in it needs quoting.
      const csv = ["link", ...result.invites.map((i) => i.link)].join("\r\n") + "\r\n";
      return c.body(csv, 200, { "Content-Type": "text/csv; charset=utf-8" });
    }),
  );
  return routes;
}
