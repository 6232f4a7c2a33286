import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * The frame of every server-rendered page: no script, no font, nothing from another host;
 * the one stylesheet is served by the app itself.
 */
export function page(options: { title: string; body: Html; lang?: string }): Html {
  return html`<!doctype html>
<html lang="${options.lang ?? "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="stylesheet" href="/assets/agora.css">
</head>
<body>
<main>
${options.body}
</main>
</body>
</html>`;
}
