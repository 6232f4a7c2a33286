import { newRoutes } from "@agora/http";
import { triageIndexPage } from "./triage-index-page.ts";
import { triageSigApi } from "./triage-sig-api.ts";
import { triageSigPage } from "./triage-sig-page.ts";
import type { TriagePageDeps } from "./triage-view.ts";

export type { AccuracyView, TriagePageDeps, TriageView, TriageItem } from "./triage-view.ts";
export { ACCURACY_DAYS, accuracySentence, recentTriageAccuracy, type TriageAccuracy } from "./triage-accuracy.ts";

/** The triage pages and their JSON API, to mount with `app.route("/", triageRoutes())`. */
export function triageRoutes() {
  const routes = newRoutes<TriagePageDeps>();
  routes.route("/", triageIndexPage());
  routes.route("/", triageSigPage());
  routes.route("/", triageSigApi());
  return routes;
}
