import type { Html } from "@agora/http";
import { html } from "hono/html";
import { textDirection } from "./choose-language.ts";

/**
 * The frame of every survey page: `page()` of @agora/http plus the text direction of the
 * survey's language and the page's own scripts (same-origin files, the CSP forbids inline code).
 */
export function surveyFrame(options: { title: string; lang: string; body: Html; scripts?: string[] }): Html {
  return html`<!doctype html>
<html lang="${options.lang}" dir="${textDirection(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="stylesheet" href="/assets/agora.css">
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>\n`)}</head>
<body>
<main>
${options.body}
</main>
</body>
</html>`;
}
