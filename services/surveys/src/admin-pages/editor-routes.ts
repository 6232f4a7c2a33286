import { getSurvey } from "@agora/db";
import { newRoutes } from "@agora/http";
import { stringify } from "yaml";
import { ADMIN_BODY_LIMIT } from "../admin/admin-body-limit.ts";
import { checkDefinitionYaml } from "../admin/definition-body.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { createSurvey } from "../verbs/create-survey.ts";
import { updateSurvey } from "../verbs/update-survey.ts";
import { adminForm, adminFormChecks, adminPage, sendAdminPage } from "./admin-guard.ts";
import { ADMIN_PATH } from "./admin-session.ts";
import { editorPage, followsFile, STARTER_DEFINITION } from "./editor-page.ts";
import { surveyPath } from "./survey-pages.ts";
import { noSurveyPage, surveyOfPath } from "./survey-routes.ts";

/** Create a survey from a definition, and edit one's definition, through the API's verbs and checks. */
export function editorRoutes() {
  const routes = newRoutes<SurveyDeps>();

  routes.get(
    `${ADMIN_PATH}/new-survey`,
    adminPage((c, session) => sendAdminPage(c, editorPage({ session, text: STARTER_DEFINITION, problems: [] }))),
  );

  routes.post(
    `${ADMIN_PATH}/new-survey`,
    adminFormChecks(ADMIN_BODY_LIMIT),
    adminForm(async (c, session, form) => {
      const text = form.get("definition")?.[0] ?? "";
      const checked = checkDefinitionYaml(text);
      if (!checked.ok) return sendAdminPage(c, editorPage({ session, text, problems: checked.problems }), 400);
      const { slug } = checked.definition;
      if (!(await createSurvey({ ctx: { db: c.var.deps.db }, input: { definition: checked.definition } }))) {
        return sendAdminPage(
          c,
          editorPage({
            session,
            text,
            problems: [{ text: `slug: a survey with slug "${slug}" exists already; choose another` }],
          }),
          409,
        );
      }
      c.var.logger.info({ slug }, "survey created on the admin pages");
      c.header("Cache-Control", "no-store");
      return c.redirect(`${surveyPath(slug)}?done=created`, 303);
    }),
  );

  routes.get(
    `${ADMIN_PATH}/surveys/:slug/edit`,
    adminPage(async (c, session) => {
      const { slug, stored } = await surveyOfPath(c);
      if (!stored) return noSurveyPage(c, session, slug);
      const note = followsFile(stored.source);
      return sendAdminPage(
        c,
        editorPage({
          session,
          slug,
          text: stringify(stored.definition, { lineWidth: 0 }),
          problems: [],
          ...(note && { note }),
        }),
      );
    }),
  );

  routes.post(
    `${ADMIN_PATH}/surveys/:slug/edit`,
    adminFormChecks(ADMIN_BODY_LIMIT),
    adminForm(async (c, session, form) => {
      const slug = c.req.param("slug") ?? "";
      const stored = await getSurvey(c.var.deps.db, slug);
      if (!stored) return noSurveyPage(c, session, slug);
      const text = form.get("definition")?.[0] ?? "";
      const note = followsFile(stored.source);
      const again = (problems: { text: string; line?: number }[], status: 400 | 409) =>
        sendAdminPage(c, editorPage({ session, slug, text, problems, ...(note && { note }) }), status);
      const checked = checkDefinitionYaml(text);
      if (!checked.ok) return again(checked.problems, 400);
      const result = await updateSurvey({
        ctx: { db: c.var.deps.db },
        input: { slug, definition: checked.definition },
      });
      if (!result.ok) {
        if (result.reason === "no-survey") return noSurveyPage(c, session, slug);
        return again([{ text: result.problem }], result.reason === "slug-mismatch" ? 400 : 409);
      }
      c.var.logger.info({ slug }, "survey definition replaced on the admin pages");
      c.header("Cache-Control", "no-store");
      return c.redirect(`${surveyPath(slug)}?done=saved`, 303);
    }),
  );
  return routes;
}
