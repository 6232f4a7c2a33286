import { newRoutes } from "@agora/http";

// Only what the admin pages add to the member pages' stylesheet; served from the app itself as
// that one is, since the CSP allows no inline style.
const css = `
.admin-header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; max-width: 60rem; margin: 0 auto; padding: 0.5rem 1rem; border-bottom: 1px solid var(--line); }
.admin-home { font-weight: 600; text-decoration: none; }
.inline-form { display: inline; margin: 0; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.5rem 0 1rem; }
.actions form { margin: 0; }
button.secondary { color: var(--accent); background: transparent; border: 2px solid var(--accent); padding: 0.4rem 1rem; }
button.danger { background: var(--bad); }
@media (prefers-color-scheme: dark) { button.secondary { color: var(--accent); } }
.notice { border-left: 4px solid var(--accent); padding: 0.5rem 1rem; margin: 1rem 0; }
.preview-banner { border: 4px dashed var(--accent); padding: 0.5rem 1rem; margin: 0 0 1.5rem; }
.preview-banner p { margin: 0.25rem 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.state { display: inline-block; white-space: nowrap; padding: 0 0.5rem; border: 1px solid var(--line); border-radius: 1rem; font-size: 0.9em; }
.sign-in { max-width: 30rem; }
/* The members' stylesheet styles text and number fields; the token field looks the same. */
input[type=password] { font: inherit; color: inherit; background: var(--bg); border: 2px solid var(--muted); border-radius: 4px; padding: 0.5rem; min-height: 2.75rem; width: 100%; }
input[type=password][aria-invalid=true] { border-color: var(--bad); }
.field { margin: 0 0 1rem; }
.field label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.export-form fieldset { border: 1px solid var(--line); border-radius: 4px; padding: 0.5rem 1rem 1rem; margin: 0 0 1.5rem; min-width: 0; }
.export-form legend { font-weight: 600; padding: 0 0.25rem; }
.export-form select { width: 100%; }
.export-form .choice label { font-weight: 400; }
.links { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; padding: 0; list-style: none; }
td .actions { margin: 0; }
/* On a phone each row is a card (agora.css): the label keeps its line, the value takes the rest. */
@media (max-width: 40rem) {
  table.cards td::before { flex: none; white-space: nowrap; }
  table.cards td > div { min-width: 0; text-align: end; }
  table.cards td .actions { justify-content: flex-end; }
}
table.cards td { overflow-wrap: anywhere; }
textarea.definition { font-family: ui-monospace, monospace; font-size: 0.9rem; white-space: pre; overflow-wrap: normal; overflow-x: auto; }
.source { font-family: ui-monospace, monospace; font-size: 0.9rem; padding-inline-start: 4ch; }
.source li { white-space: pre-wrap; overflow-wrap: anywhere; }
.source .problem-line { background: color-mix(in srgb, var(--bad) 12%, transparent); }
.source .field-error { white-space: normal; font-family: system-ui, sans-serif; }
/* The form builder: a framed group per part of the survey and per question, the groups inside them lighter. */
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.hint { margin: 0 0 0.25rem; color: var(--muted); font-size: 0.95em; }
input.short { width: 16rem; }
input[readonly] { border-style: dashed; color: var(--muted); }
.builder-section, .builder-question { border: 1px solid var(--line); border-radius: 4px; padding: 0.75rem 1rem; margin: 0 0 1.5rem; min-width: 0; }
.builder-section > legend, .builder-question > legend { font-weight: 600; font-size: 1.1rem; padding: 0 0.25rem; }
.builder-group { border: 0; border-left: 3px solid var(--line); padding: 0 0 0 0.75rem; margin: 0 0 1rem; min-width: 0; }
.builder-group > legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
.builder-items { padding-inline-start: 1.5rem; }
.builder-items li { margin: 0 0 1rem; }
.builder-save { margin-top: 1.5rem; }
.lang-field { display: grid; grid-template-columns: 7rem 1fr; align-items: start; column-gap: 0.75rem; margin-bottom: 0.5rem; }
.field.lang-field label { font-weight: 400; margin: 0; padding-top: 0.6rem; }
.lang-field .field-error { grid-column: 1 / -1; }
@media (max-width: 40rem) {
  .builder-section, .builder-question { padding: 0.5rem; }
  .builder-items { padding-inline-start: 1.25rem; }
  .lang-field { display: block; }
  .field.lang-field label { margin-bottom: 0.25rem; padding-top: 0; }
}
/* A results table wider than the screen scrolls inside its own box (a focusable region), not the page. */
.table-box { max-width: 100%; overflow-x: auto; margin: 0.5rem 0 1.5rem; }
.table-box table { margin: 0; }
`;

export function adminStylesheetRoute() {
  const routes = newRoutes<unknown>();
  routes.get("/assets/survey-admin.css", (c) => {
    c.header("Content-Type", "text/css; charset=utf-8");
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(css);
  });
  return routes;
}
