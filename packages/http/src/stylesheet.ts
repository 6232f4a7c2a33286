import { newRoutes } from "./routes.ts";

// Served from the app itself because pages promise no request to any other host.
const css = `
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfdfd; --muted: #5a5a5a; --line: #d0d0d0; --accent: #0b5cad; --bad: #a4161a; }
@media (prefers-color-scheme: dark) { :root { --fg: #eee; --bg: #141414; --muted: #b0b0b0; --line: #444; --accent: #7cb7ff; --bad: #ff8a8a; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
h1, h2 { line-height: 1.2; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, monospace; font-size: 0.95em; }
.muted { color: var(--muted); }
.bad { color: var(--bad); font-weight: 600; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 600; text-transform: uppercase; }
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
