import { getSurvey, listSurveys } from "@agora/db";
import { newRoutes } from "@agora/http";
import { SurveySlug } from "@agora/schemas";
import { surveyDetail, surveyListItem } from "../admin/survey-view.ts";
import { firstValue } from "../page/read-form.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { deleteDraftSurvey } from "../verbs/delete-survey.ts";
import { setSurveyOpenState } from "../verbs/set-survey-state.ts";
import { adminForm, adminFormChecks, adminMessagePage, adminPage, sendAdminPage } from "./admin-guard.ts";
import { ADMIN_PATH, type AdminPageContext, type AdminSession } from "./admin-session.ts";
import {
  confirmDeletePage,
  DONE_NOTICES,
  surveyDetailPage,
  surveyListPage,
  surveyPath,
  type DoneNotice,
} from "./survey-pages.ts";

const doneOf = (value: string | undefined): DoneNotice | undefined =>
  value && value in DONE_NOTICES ? (value as DoneNotice) : undefined;

/** The page an action goes back to: the list or the survey (a fixed choice, never a URL from the form). */
function backTo(from: string | undefined, slug: string, done: DoneNotice): string {
  if (from === "list" || done === "deleted") return `${ADMIN_PATH}?${new URLSearchParams({ done, slug })}`;
  return `${surveyPath(slug)}?${new URLSearchParams({ done })}`;
}

export function noSurveyPage(c: AdminPageContext, session: AdminSession, slug: string) {
  return adminMessagePage(c, {
    status: 404,
    title: "No such survey",
    message: `There is no survey “${slug}”.`,
    link: { href: ADMIN_PATH, text: "All surveys" },
    session,
  });
}

/** The survey of the path when its slug is one a survey can have and it exists. */
export async function surveyOfPath(c: AdminPageContext) {
  const slug = c.req.param("slug") ?? "";
  if (!SurveySlug.safeParse(slug).success) return { slug, stored: undefined };
  return { slug, stored: await getSurvey(c.var.deps.db, slug) };
}

/** The list, one survey's page, and the state buttons (open, close, delete a draft). */
export function surveyPageRoutes() {
  const routes = newRoutes<SurveyDeps>();

  routes.get(
    ADMIN_PATH,
    adminPage(async (c, session) => {
      const { db, surveys } = c.var.deps;
      const now = surveys.now();
      const list = (await listSurveys(db)).map((s) => surveyListItem(s, now));
      const done = doneOf(c.req.query("done"));
      const doneSlug = c.req.query("slug");
      return sendAdminPage(
        c,
        surveyListPage({
          surveys: list,
          session,
          ...(done && { done }),
          ...(done && doneSlug && SurveySlug.safeParse(doneSlug).success && { doneSlug }),
        }),
      );
    }),
  );

  routes.get(
    `${ADMIN_PATH}/surveys/:slug`,
    adminPage(async (c, session) => {
      const { slug, stored } = await surveyOfPath(c);
      if (!stored) return noSurveyPage(c, session, slug);
      const done = doneOf(c.req.query("done"));
      const survey = await surveyDetail(c.var.deps.db, stored, c.var.deps.surveys.now());
      return sendAdminPage(
        c,
        surveyDetailPage({ survey, session, ...(done && { done }), publicUrl: c.var.deps.surveys.publicUrl }),
      );
    }),
  );

  for (const [action, state] of [
    ["open", "open"],
    ["close", "closed"],
  ] as const) {
    routes.post(
      `${ADMIN_PATH}/surveys/:slug/${action}`,
      adminFormChecks(),
      adminForm(async (c, session, form) => {
        const { db, surveys } = c.var.deps;
        const slug = c.req.param("slug") ?? "";
        if (!SurveySlug.safeParse(slug).success) return noSurveyPage(c, session, slug);
        const result = await setSurveyOpenState({
          ctx: { db, publicUrl: surveys.publicUrl, now: surveys.now },
          input: { slug, state },
        });
        if (!result.ok) return noSurveyPage(c, session, slug);
        if (result.changed) c.var.logger.info({ slug, state }, "survey state changed on the admin pages");
        c.header("Cache-Control", "no-store");
        return c.redirect(
          backTo(
            firstValue(form, "from"),
            slug,
            result.changed ? (state === "open" ? "opened" : "closed") : "unchanged",
          ),
          303,
        );
      }),
    );
  }

  routes.post(
    `${ADMIN_PATH}/surveys/:slug/delete`,
    adminFormChecks(),
    adminForm(async (c, session, form) => {
      const { db, surveys } = c.var.deps;
      const { slug, stored } = await surveyOfPath(c);
      if (!stored) return noSurveyPage(c, session, slug);
      const from = firstValue(form, "from") === "list" ? "list" : "detail";
      if (firstValue(form, "confirm") !== "yes") {
        return sendAdminPage(
          c,
          confirmDeletePage({ slug, title: surveyListItem(stored, surveys.now()).title, session, from }),
        );
      }
      const result = await deleteDraftSurvey({ ctx: { db }, input: { slug } });
      if (!result.ok) {
        if (result.reason === "no-survey") return noSurveyPage(c, session, slug);
        // The same refusal as the API's 409, on the survey's page.
        const survey = await surveyDetail(db, stored, surveys.now());
        return sendAdminPage(
          c,
          surveyDetailPage({ survey, session, problem: result.problem, publicUrl: surveys.publicUrl }),
          409,
        );
      }
      c.var.logger.info({ slug }, "draft survey deleted on the admin pages");
      c.header("Cache-Control", "no-store");
      return c.redirect(backTo(from, slug, "deleted"), 303);
    }),
  );

  return routes;
}
