import { newRoutes } from "./routes.ts";

// Served from the app itself because pages promise no request to any other host.
const css = `
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfdfd; --muted: #5a5a5a; --line: #d0d0d0; --accent: #0b5cad; --bad: #a4161a; }
@media (prefers-color-scheme: dark) { :root { --fg: #eee; --bg: #141414; --muted: #b0b0b0; --line: #444; --accent: #7cb7ff; --bad: #ff8a8a; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; overflow-wrap: break-word; }
a { color: var(--accent); }
h1, h2 { line-height: 1.2; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, monospace; font-size: 0.95em; }
.muted { color: var(--muted); }
/* A table too wide for a phone becomes one card per row there, each cell labelled by its column. */
@media (max-width: 40rem) {
  table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.cards tr { display: block; border-bottom: 1px solid var(--line); padding: 0.3rem 0; }
  table.cards th, table.cards td { display: flex; justify-content: space-between; gap: 1rem; border: 0; padding: 0.1rem 0.5rem; }
  table.cards td::before { content: attr(data-label); color: var(--muted); text-align: left; flex: none; max-width: 40%; overflow-wrap: normal; }
  table.cards td > * { min-width: 0; }
  table.cards td ul { margin: 0; padding-inline-start: 1.2rem; }
}
/* Long words (paths, URLs, package names) in a phone's card break rather than widen the page. */
table.cards th, table.cards td { overflow-wrap: anywhere; }
/* A table wider than the screen scrolls inside its own box (a labelled, focusable region), never the page. */
.table-box { max-width: 100%; overflow-x: auto; margin: 0.5rem 0 1.5rem; }
/* A shadow at the edge that has more to scroll to, so a cut-off column reads as "scroll me": the
   page-coloured covers move with the content (local), the shadows stay at the box's edges. */
.table-box {
  background: linear-gradient(to right, var(--bg) 30%, transparent), linear-gradient(to left, var(--bg) 30%, transparent) 100% 0,
    radial-gradient(farthest-side at 0 50%, color-mix(in srgb, var(--fg) 25%, transparent), transparent),
    radial-gradient(farthest-side at 100% 50%, color-mix(in srgb, var(--fg) 25%, transparent), transparent) 100% 0;
  background-repeat: no-repeat; background-size: 2.5rem 100%, 2.5rem 100%, 0.9rem 100%, 0.9rem 100%; background-attachment: local, local, scroll, scroll;
}
.table-box table { margin: 0; }
.bad { color: var(--bad); font-weight: 600; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 600; text-transform: uppercase; }
/* Survey form: large tap targets, a visible focus ring, one column down to 320 px. */
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
[hidden] { display: none !important; }
/* The language switcher: a row of chips, right-aligned, each a full-size tap target. */
.languages ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; justify-content: flex-end; }
.languages a, .languages [aria-current] { display: inline-flex; align-items: center; min-height: 2.75rem; padding: 0 1rem; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; }
.languages [aria-current] { border: 2px solid var(--fg); font-weight: 600; }
.languages a:hover { border-color: var(--accent); text-decoration: underline; }
.question { margin: 0 0 1.75rem; }
.question fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
.question legend, .question-label { display: block; padding: 0; margin-bottom: 0.4rem; font-weight: 600; }
.question-number { display: block; font-weight: 400; color: var(--muted); font-size: 0.9em; }
.required-marker { font-weight: 400; }
.help, .show-if-hint { margin: 0 0 0.5rem; color: var(--muted); }
.show-if-hint { font-style: italic; }
.choice-list { display: flex; flex-direction: column; gap: 0.25rem; }
.choice-list-wide { flex-flow: row wrap; }
.choice, .rank { display: flex; align-items: center; gap: 0.6rem; min-height: 2.75rem; }
.choice input { width: 1.4rem; height: 1.4rem; margin: 0; flex: none; accent-color: var(--accent); }
.choice label { flex: 1; padding: 0.35rem 0; cursor: pointer; }
.choice-list-wide .choice { min-width: 4.5rem; }
.question .likert-row { margin-top: 0.75rem; }
.likert-row legend { font-weight: 400; font-style: italic; }
.likert-row .choice-list { flex-flow: row wrap; column-gap: 1.25rem; }
.other-text { margin-top: 0.5rem; }
/* "Other, in your words" only while "Other" is chosen: CSS alone, so it works without JavaScript. */
.choices:has(> .choice-list input[value="other"]:not(:checked)) > .other-text { display: none; }
/* A rating or NPS scale: one row of equal columns, each a radio over its number, end words below. */
.choice-list.scale { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(0, 1fr); gap: 0; max-width: 36rem; }
.scale .choice { flex-direction: column; gap: 0; min-height: 0; }
.scale .choice label { padding: 0.2rem 0 0.35rem; text-align: center; width: 100%; }
.scale-ends { display: flex; justify-content: space-between; gap: 1rem; max-width: 36rem; color: var(--muted); font-size: 0.9em; }
.scale-ends span:last-child { text-align: end; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
input[type=text], input[type=number], textarea, select { font: inherit; color: inherit; background: var(--bg); border: 2px solid var(--muted); border-radius: 4px; padding: 0.5rem; min-height: 2.75rem; max-width: 100%; }
input[type=text], textarea { width: 100%; }
input[type=number] { width: 12rem; }
[aria-invalid=true] { border-color: var(--bad); }
.field-error { color: var(--bad); font-weight: 600; margin: 0 0 0.4rem; }
.error-summary { border: 4px solid var(--bad); padding: 0.5rem 1rem; margin: 1rem 0 1.5rem; }
.error-summary h2 { margin: 0.5rem 0; font-size: 1.25rem; }
.error-summary a { color: var(--bad); font-weight: 600; }
button { font: inherit; font-weight: 600; min-height: 2.75rem; padding: 0.5rem 1.5rem; border: 0; border-radius: 4px; color: #fff; background: var(--accent); cursor: pointer; }
@media (prefers-color-scheme: dark) { button { color: #000; } }
button.secondary { color: var(--accent); background: transparent; border: 2px solid var(--accent); }
.form-actions { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; }
/* A longer survey's place: "Page 2 of 4" over a bar as wide as the text column. */
.form-progress { margin: 1rem 0 1.5rem; }
.form-progress p { margin: 0 0 0.25rem; color: var(--muted); }
.form-progress progress { display: block; width: 100%; height: 0.75rem; accent-color: var(--accent); }
.section-title { margin: 0 0 0.5rem; }
.section-intro { margin: 0 0 1.5rem; }
.languages-in-form { margin-top: 2rem; }
.languages-in-form ul { justify-content: flex-start; }
.languages button { font-weight: 400; min-height: 2.75rem; padding: 0 1rem; border-width: 1px; border-color: var(--line); border-radius: 999px; }
`;

export function stylesheetRoute<Deps>() {
  const routes = newRoutes<Deps>();
  routes.get("/assets/agora.css", (c) => {
    c.header("Content-Type", "text/css; charset=utf-8");
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(css);
  });
  return routes;
}
