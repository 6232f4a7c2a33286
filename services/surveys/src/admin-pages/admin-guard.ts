import { closing, type AppEnv, type Html } from "@agora/http";
import type { Handler, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { every } from "hono/combine";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { FormFields } from "../answers/index.ts";
import { isCrossSitePost, ownOrigins } from "../page/cross-site-check.ts";
import { FORM_BODY_LIMIT, firstValue, formFields, isUrlEncodedForm } from "../page/read-form.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { adminFrame } from "./admin-frame.ts";
import {
  ADMIN_PATH,
  CSRF_FIELD,
  currentAdminSession,
  hasCsrfToken,
  type AdminPageContext,
  type AdminSession,
} from "./admin-session.ts";

/**
 * Sends an admin page: never kept by a cache (it shows answers and counts), never framed
 * (the app's CSP says so already).
 */
export function sendAdminPage(
  c: AdminPageContext,
  body: Html,
  status: ContentfulStatusCode = 200,
): Response | Promise<Response> {
  c.header("Cache-Control", "no-store");
  return c.html(body, status);
}

/** A short page that says why nothing was done, with a way on. */
export function adminMessagePage(
  c: AdminPageContext,
  options: {
    status: ContentfulStatusCode;
    title: string;
    message: string;
    link?: { href: string; text: string };
    session?: AdminSession;
  },
): Response | Promise<Response> {
  const body = html`<h1>${options.title}</h1>
<p>${options.message}</p>
${options.link ? html`<p><a href="${options.link.href}">${options.link.text}</a></p>` : ""}`;
  return sendAdminPage(
    c,
    adminFrame({ title: options.title, body, ...(options.session && { session: options.session }) }),
    options.status,
  );
}

type PageHandler = (c: AdminPageContext, session: AdminSession) => Response | Promise<Response>;
type FormHandler = (c: AdminPageContext, session: AdminSession, form: FormFields) => Response | Promise<Response>;

/** A page for signed-in admins; anyone else is sent to the sign-in page. */
export function adminPage(handler: PageHandler): Handler<AppEnv<SurveyDeps>> {
  return async (c) => {
    const session = await currentAdminSession(c);
    if (!session) {
      c.header("Cache-Control", "no-store");
      return c.redirect(`${ADMIN_PATH}/sign-in`, 303);
    }
    return handler(c, session);
  };
}

/**
 * The checks before any admin form is read: posted from this site (Origin, or Sec-Fetch-Site
 * when a no-referrer page sends `Origin: null`), a plain form, and within the size of one.
 */
export function adminFormChecks(maxSize = FORM_BODY_LIMIT): MiddlewareHandler<AppEnv<SurveyDeps>> {
  const sameSiteForm: MiddlewareHandler<AppEnv<SurveyDeps>> = async (c, next) => {
    const origins = ownOrigins(c.req.url, c.var.deps.surveys.publicUrl);
    if (isCrossSitePost({ origin: c.req.header("origin"), secFetchSite: c.req.header("sec-fetch-site") }, origins)) {
      return adminMessagePage(c, {
        status: 403,
        title: "Refused",
        message: "This form was sent from another site. Nothing was changed.",
      });
    }
    if (!isUrlEncodedForm(c.req.header("content-type"))) {
      return adminMessagePage(c, {
        status: 415,
        title: "Refused",
        message: "Only the admin pages' own forms are taken here. Nothing was changed.",
      });
    }
    await next();
  };
  return every(
    sameSiteForm,
    bodyLimit({
      maxSize,
      onError: (c) =>
        adminMessagePage(closing(c) as AdminPageContext, {
          status: 413,
          title: "Too large",
          message: "The form was larger than any admin form can be. Nothing was changed.",
        }),
    }),
  );
}

/**
 * A form of a signed-in admin: the form checks, then the session, then the session's CSRF token
 * in the hidden field. A form without a session is answered 401 (not sent to sign in, which
 * would lose what was typed) and one without the right token 403; neither changes anything.
 */
export function adminForm(handler: FormHandler): Handler<AppEnv<SurveyDeps>> {
  return async (c) => {
    const session = await currentAdminSession(c);
    const signIn = { href: `${ADMIN_PATH}/sign-in`, text: "Sign in" };
    if (!session)
      return adminMessagePage(c, {
        status: 401,
        title: "Signed out",
        message: "Your session has ended or was never opened. Sign in and try again; nothing was changed.",
        link: signIn,
      });
    const form = formFields(await c.req.text());
    if (!hasCsrfToken(session, firstValue(form, CSRF_FIELD))) {
      return adminMessagePage(c, {
        status: 403,
        title: "Refused",
        message:
          "This form did not come from your admin session (its form token is missing or wrong). Nothing was changed.",
        link: { href: ADMIN_PATH, text: "Back to the surveys" },
        session,
      });
    }
    return handler(c, session, form);
  };
}
