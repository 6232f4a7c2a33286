import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageOptions {
  title: string;
  body: Html;
  lang?: string;
  /** Text direction of `lang`. */
  dir?: "ltr" | "rtl";
  /** Same-origin scripts, deferred; the CSP forbids inline code, so a page's script is a file. */
  scripts?: readonly string[];
  /** Same-origin stylesheets after the shared one, for an area with its own (the survey admin). */
  stylesheets?: readonly string[];
  /** Before `main`: an area's own header. */
  header?: Html;
}

/**
 * The frame of every server-rendered page: nothing from another host, no font; the one
 * stylesheet and any scripts are served by the app itself.
 */
export function page(options: PageOptions): Html {
  return html`<!doctype html>
<html lang="${options.lang ?? "en"}" dir="${options.dir ?? "ltr"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/agora.css">
${(options.stylesheets ?? []).map((href) => html`<link rel="stylesheet" href="${href}">\n`)}${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>\n`)}</head>
<body>
${options.header ?? ""}<main>
${options.body}
</main>
</body>
</html>`;
}
