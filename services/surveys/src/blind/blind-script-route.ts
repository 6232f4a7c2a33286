import { createHash } from "node:crypto";
import { newRoutes } from "@agora/http";
import type { SurveyDeps } from "../survey-deps.ts";
import { blindFragment } from "./blind-fragments.ts";

export const BLIND_SCRIPT_PATH = "/assets/survey-blind.js";

let script: { body: string; etag: string } | undefined;

/**
 * The two fragments in one function, so the page loads one classic script and nothing of it
 * leaks into the page's globals. Read once on first use: they ship with the code and change
 * only with a new release.
 */
function blindScript() {
  if (!script) {
    const body = `(() => {\n"use strict";\n${blindFragment("blind-rsa-client.js")}\n${blindFragment("blind-token-helper.js")}})();\n`;
    script = { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"` };
  }
  return script;
}

/** The page's blind-token helper, from the survey's own origin, as its CSP (`script-src 'self'`) wants. */
export function blindScriptRoute() {
  const routes = newRoutes<SurveyDeps>();
  routes.get(BLIND_SCRIPT_PATH, (c) => {
    const { body, etag } = blindScript();
    c.header("Cache-Control", "public, max-age=3600");
    c.header("ETag", etag);
    if (c.req.header("If-None-Match") === etag) return c.body(null, 304);
    c.header("Content-Type", "text/javascript; charset=utf-8");
    return c.body(body);
  });
  return routes;
}
