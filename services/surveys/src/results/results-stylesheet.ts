import { newRoutes } from "@agora/http";

/** Where the results pages' own styles are served; the body links it, so the public and the admin frame both get it. */
export const RESULTS_CSS = "/assets/survey-results.css";

// Only what results add to the shared stylesheet, served by the app since the CSP allows no
// inline style. Every table fits a 320 px screen: bar tables wrap their labels, matrices become
// one card per row there (agora.css), and only a cross-tab scrolls, inside its own box.
const css = `
table.bars th[scope=row] { width: 100%; overflow-wrap: anywhere; }
table.bars td.num { white-space: nowrap; }
svg.bar { display: block; margin-top: 0.25rem; color: var(--accent); background: color-mix(in srgb, var(--line) 45%, transparent); }
table.matrix th[scope=row] { overflow-wrap: anywhere; }
table.matrix td svg.bar { min-width: 3rem; }
.figures { display: flex; flex-wrap: wrap; gap: 0.25rem 2rem; margin: 0 0 0.5rem; }
.figures div { display: flex; gap: 0.5rem; }
.figures dt { color: var(--muted); }
.figures dd { margin: 0; font-weight: 600; }
.figures .why { font-weight: 400; color: var(--muted); }
.hidden-why { font-size: 0.95em; }
.notice { border-inline-start: 4px solid var(--accent); padding: 0.5rem 1rem; margin: 1rem 0; }
.table-box { max-width: 100%; overflow-x: auto; margin: 0.5rem 0 1.5rem; }
.table-box table { margin: 0; }
.table-box caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.table-box td.num { white-space: nowrap; }
select { width: 100%; }
@media (max-width: 40rem) {
  table.cards td.num { text-align: right; }
  table.cards td > span { margin-inline-start: auto; }
  table.matrix td svg.bar { display: none; }
  table.matrix th[scope=row] { display: block; }
}
`;

export function resultsStylesheetRoute() {
  const routes = newRoutes<unknown>();
  routes.get(RESULTS_CSS, (c) => {
    c.header("Content-Type", "text/css; charset=utf-8");
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(css);
  });
  return routes;
}
