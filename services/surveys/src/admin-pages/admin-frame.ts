import { page, type Html } from "@agora/http";
import { html } from "hono/html";
import { ADMIN_PATH, CSRF_FIELD, type AdminSession } from "./admin-session.ts";

export interface AdminFrameOptions {
  title: string;
  body: Html;
  /** Signed in: the header shows the way back to the list and the sign-out button. */
  session?: AdminSession;
  lang?: string;
  dir?: "ltr" | "rtl";
  scripts?: readonly string[];
}

/** The frame of every admin page: the member pages' frame with the admin's stylesheet and a header with sign-out. */
export function adminFrame(options: AdminFrameOptions): Html {
  const header = html`<header class="admin-header" lang="en" dir="ltr">
<a class="admin-home" href="${ADMIN_PATH}">Agora survey admin</a>
${options.session ? html`<form method="post" action="${ADMIN_PATH}/sign-out" class="inline-form">${csrfField(options.session)}<button type="submit" class="secondary">Sign out</button></form>` : ""}
</header>
`;
  return page({
    title: `${options.title} · Agora survey admin`,
    body: options.body,
    header,
    stylesheets: ["/assets/survey-admin.css"],
    lang: options.lang,
    dir: options.dir,
    scripts: options.scripts,
  });
}

/** The hidden field that every admin form changing something carries. */
export function csrfField(session: AdminSession): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${session.csrf}">`;
}

/** Problems of a refused form, above it, each linking to its field. */
export function errorSummary(problems: readonly { field?: string; message: string }[]): Html | string {
  if (problems.length === 0) return "";
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title" tabindex="-1">There is a problem</h2>
<ul>${problems.map((p) => html`<li>${p.field ? html`<a href="#${p.field}">${p.message}</a>` : p.message}</li>`)}</ul>
</div>`;
}
