import { newRoutes } from "@agora/http";
import type { RateLimiter } from "../rate-limit/index.ts";
import { html } from "hono/html";
import { matchAdminToken } from "../admin/admin-auth.ts";
import { firstValue, formFields } from "../page/read-form.ts";
import type { SurveyDeps } from "../survey-deps.ts";
import { adminFrame, errorSummary } from "./admin-frame.ts";
import { adminForm, adminFormChecks, adminMessagePage, sendAdminPage } from "./admin-guard.ts";
import {
  ADMIN_PATH,
  closeAdminSession,
  currentAdminSession,
  openAdminSession,
  SESSION_SECONDS,
  type AdminPageContext,
} from "./admin-session.ts";

const TOKEN_FIELD = "token";

function signInPage(c: AdminPageContext, problem?: string) {
  const body = html`<div class="sign-in">
<h1>Sign in</h1>
${errorSummary(problem ? [{ field: TOKEN_FIELD, message: problem }] : [])}
<p>Sign in with an admin token: one whose hash is in the community file (<code>surveys.admins</code>) or <code>AGORA_ADMIN_TOKEN</code>. The session lasts ${SESSION_SECONDS / 3600} hours; signing out ends it at once.</p>
<form method="post" action="${ADMIN_PATH}/sign-in" novalidate>
<div class="field">
<label for="${TOKEN_FIELD}">Admin token</label>
${problem ? html`<p class="field-error" id="${TOKEN_FIELD}-error">${problem}</p>` : ""}
<input type="password" id="${TOKEN_FIELD}" name="${TOKEN_FIELD}" autocomplete="current-password" spellcheck="false" required${problem ? html` aria-invalid="true" aria-describedby="${TOKEN_FIELD}-error"` : ""}>
</div>
<button type="submit">Sign in</button>
</form>
</div>`;
  return sendAdminPage(c, adminFrame({ title: problem ? "Error: Sign in" : "Sign in", body }), problem ? 401 : 200);
}

export interface SignInOptions {
  /** Sign-in attempts per client address; a guessed token costs one attempt each. */
  limiter: RateLimiter;
  /** The client's address, or undefined when none is known (then nothing is limited). */
  clientAddress: (c: AdminPageContext) => string | undefined;
}

/** `/admin/sign-in` and `/admin/sign-out`: the admin token for a session cookie, and back. */
export function signInRoutes(options: SignInOptions) {
  const routes = newRoutes<SurveyDeps>();
  routes.get(`${ADMIN_PATH}/sign-in`, async (c) => {
    if (await currentAdminSession(c)) return c.redirect(ADMIN_PATH, 303);
    return signInPage(c);
  });
  // No session yet, so no form token: a sign-in forged by another site is refused by the
  // Origin / Sec-Fetch-Site check of adminFormChecks, and SameSite=Strict keeps the cookie from it.
  routes.post(`${ADMIN_PATH}/sign-in`, adminFormChecks(), async (c) => {
    const address = options.clientAddress(c);
    if (address !== undefined && !options.limiter.hit(address)) {
      // Until the oldest counted attempt leaves the window, not a whole window from now.
      const seconds = Math.max(1, Math.ceil(options.limiter.retryAfter(address).ms / 1000));
      const minutes = Math.ceil(seconds / 60);
      c.header("Retry-After", String(seconds));
      return adminMessagePage(c, {
        status: 429,
        title: "Too many sign-ins",
        message: `Too many sign-in attempts from your address. Try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}.`,
      });
    }
    const token = firstValue(formFields(await c.req.text()), TOKEN_FIELD);
    if (!token) return signInPage(c, "Enter your admin token.");
    const admin = matchAdminToken(token, c.var.deps.surveys.adminTokenSha256s);
    if (!admin) {
      c.var.logger.info("survey admin sign-in refused");
      return signInPage(c, "This is not an admin token. Check it and try again.");
    }
    await openAdminSession(c, admin);
    c.var.logger.info("survey admin signed in");
    c.header("Cache-Control", "no-store");
    return c.redirect(ADMIN_PATH, 303);
  });
  routes.post(
    `${ADMIN_PATH}/sign-out`,
    adminFormChecks(),
    adminForm(async (c, session) => {
      await closeAdminSession(c, session);
      c.var.logger.info("survey admin signed out");
      c.header("Cache-Control", "no-store");
      return c.redirect(`${ADMIN_PATH}/sign-in`, 303);
    }),
  );
  return routes;
}
