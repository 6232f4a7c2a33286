import { newRoutes } from "@agora/http";
import type { Problem } from "@agora/schemas";
import { ADMIN_BODY_LIMIT } from "../admin/admin-body-limit.ts";
import { checkDefinition, checkDefinitionYaml } from "../admin/definition-body.ts";
import type { FormFields } from "../answers/index.ts";
import { firstValue } from "../page/read-form.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { createSurvey } from "../verbs/create-survey.ts";
import { updateSurvey } from "../verbs/update-survey.ts";
import { adminForm, adminFormChecks, adminMessagePage, adminPage, sendAdminPage } from "./admin-guard.ts";
import { ADMIN_PATH, type AdminPageContext, type AdminSession } from "./admin-session.ts";
import { ACTION_FIELD, applyAction, NEW_TYPE_FIELD, parseAction } from "./builder-actions.ts";
import { draftYaml, emptyDraft, readDraft, YAML_FIELD, type Draft } from "./builder-draft.ts";
import { applyFields } from "./builder-fields.ts";
import { builderPage, builderPath } from "./builder-page.ts";
import { editorPage, followsFile } from "./editor-page.ts";
import { surveyPath } from "./survey-pages.ts";
import { noSurveyPage, surveyOfPath } from "./survey-routes.ts";

/**
 * The form builder beside the YAML editor: the same definition as fields, for a new survey and a
 * stored one. Every post carries the draft; only "Save" stores it, through the verbs and the
 * check of the YAML editor and the API.
 */
export function builderRoutes() {
  const routes = newRoutes<SurveyDeps>();

  routes.get(
    builderPath(),
    adminPage((c, session) => sendAdminPage(c, builderPage({ session, draft: emptyDraft() }))),
  );
  routes.post(
    builderPath(),
    adminFormChecks(ADMIN_BODY_LIMIT),
    adminForm((c, session, form) => builderPost(c, session, form, undefined)),
  );

  // Not builderPath(":slug"): that would encode the colon.
  routes.get(
    `${ADMIN_PATH}/surveys/:slug/builder`,
    adminPage(async (c, session) => {
      const { slug, stored } = await surveyOfPath(c);
      if (!stored) return noSurveyPage(c, session, slug);
      const note = followsFile(stored.source);
      return sendAdminPage(
        c,
        builderPage({ session, slug, draft: structuredClone(stored.definition) as Draft, ...(note && { note }) }),
      );
    }),
  );
  routes.post(
    `${ADMIN_PATH}/surveys/:slug/builder`,
    adminFormChecks(ADMIN_BODY_LIMIT),
    adminForm(async (c, session, form) => {
      const { slug, stored } = await surveyOfPath(c);
      if (!stored) return noSurveyPage(c, session, slug);
      return builderPost(c, session, form, { slug, note: followsFile(stored.source) });
    }),
  );
  return routes;
}

async function builderPost(
  c: AdminPageContext,
  session: AdminSession,
  form: FormFields,
  edited: { slug: string; note: string | undefined } | undefined,
) {
  const slug = edited?.slug;
  const note = edited?.note;
  const read = readDraft(form);
  if (!read.ok) {
    // Coming from the YAML view with text the reader refuses: back to it, each problem at its line.
    if (read.from === "yaml") {
      const text = form.get(YAML_FIELD)?.[0] ?? "";
      const checked = checkDefinitionYaml(text);
      const problems = [{ text: read.problem }, ...(checked.ok ? [] : checked.problems)];
      return sendAdminPage(
        c,
        editorPage({ session, ...(slug && { slug }), text, problems, ...(note && { note }) }),
        400,
      );
    }
    return adminMessagePage(c, {
      status: 400,
      title: "Refused",
      message: `${read.problem}. Nothing was changed.`,
      link: { href: builderPath(slug), text: "Start the builder again" },
      session,
    });
  }
  const { draft } = read;
  applyFields(draft, form);
  const action = parseAction(firstValue(form, ACTION_FIELD), firstValue(form, NEW_TYPE_FIELD));
  if ("problem" in action)
    return adminMessagePage(c, {
      status: 400,
      title: "Refused",
      message: `${action.problem}. Nothing was changed.`,
      session,
    });
  const again = (problems: Problem[], status: 200 | 400 | 409 = 400) =>
    sendAdminPage(c, builderPage({ session, draft, problems, ...(slug && { slug }), ...(note && { note }) }), status);

  if (action.kind === "yaml")
    return sendAdminPage(
      c,
      editorPage({ session, ...(slug && { slug }), text: draftYaml(draft), problems: [], ...(note && { note }) }),
    );
  if (action.kind !== "save") {
    applyAction(draft, action);
    return again([], 200);
  }
  const checked = checkDefinition(draft);
  if (!checked.ok) return again(checked.problems);
  const { db } = c.var.deps;
  const definition = checked.definition;
  if (!slug) {
    if (!(await createSurvey({ ctx: { db }, input: { definition } }))) {
      return again(
        [{ path: ["slug"], message: `a survey with slug "${definition.slug}" exists already; choose another` }],
        409,
      );
    }
    c.var.logger.info({ slug: definition.slug }, "survey created in the admin form builder");
    c.header("Cache-Control", "no-store");
    return c.redirect(`${surveyPath(definition.slug)}?done=created`, 303);
  }
  const result = await updateSurvey({ ctx: { db }, input: { slug, definition } });
  if (!result.ok) {
    if (result.reason === "no-survey") return noSurveyPage(c, session, slug);
    return again(
      [{ path: result.reason === "slug-mismatch" ? ["slug"] : [], message: result.problem }],
      result.reason === "slug-mismatch" ? 400 : 409,
    );
  }
  c.var.logger.info({ slug }, "survey definition replaced in the admin form builder");
  c.header("Cache-Control", "no-store");
  return c.redirect(`${surveyPath(slug)}?done=saved`, 303);
}
