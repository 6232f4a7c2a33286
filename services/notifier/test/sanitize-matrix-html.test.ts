import { describe, expect, it } from "vitest";
import { sanitizeMatrixHtml } from "../src/sanitize-matrix-html.ts";

describe("sanitizeMatrixHtml", () => {
  it("keeps the formatting Matrix allows", () => {
    const html =
      '<h2>Bug 42</h2><p><b>Kernel</b> <em>panics</em> <del>sometimes</del></p><ol start="3"><li>boot</li></ol>' +
      '<pre><code class="language-rust">fn main() {}</code></pre><a href="https://gitlab.example.org/x/-/issues/42" target="_blank">#42</a>' +
      '<span data-mx-spoiler="why">secret</span><font data-mx-color="#ff0000">red</font><img src="mxc://hs/abc" alt="logo">' +
      "<details><summary>More</summary>text</details><table><caption>c</caption><tr><td>1</td></tr></table>";
    expect(sanitizeMatrixHtml(html)).toBe(html.replace('alt="logo">', 'alt="logo" />'));
  });

  it("removes scripts and styles with their contents", () => {
    expect(sanitizeMatrixHtml("<p>hi<script>alert(1)</script></p><style>p{display:none}</style>")).toBe("<p>hi</p>");
  });

  it("removes event handlers, inline styles and attributes outside the allow-list", () => {
    expect(
      sanitizeMatrixHtml('<img src="mxc://hs/a" onerror="alert(1)"><p style="color:red" onclick="x()" id="p">t</p>'),
    ).toBe('<img src="mxc://hs/a" /><p>t</p>');
  });

  it("drops links and images with schemes Matrix does not allow", () => {
    expect(sanitizeMatrixHtml('<a href="javascript:alert(1)">x</a>')).toBe("<a>x</a>");
    expect(sanitizeMatrixHtml('<a href="JaVaScRiPt&colon;alert(1)">x</a>')).toBe("<a>x</a>");
    expect(sanitizeMatrixHtml('<a href="data:text/html,<script>">x</a>')).toBe("<a>x</a>");
    expect(sanitizeMatrixHtml('<img src="https://tracker.example/pixel.gif">')).toBe("<img />");
    expect(sanitizeMatrixHtml('<a href="matrix:r/agora:example.org">r</a> <a href="mailto:a@b.c">m</a>')).toBe(
      '<a href="matrix:r/agora:example.org">r</a> <a href="mailto:a@b.c">m</a>',
    );
  });

  it("keeps the text of tags it strips, and only language-* classes on code", () => {
    expect(
      sanitizeMatrixHtml(
        '<iframe src="https://x"></iframe><marquee>moving</marquee><code class="language-ts evil">x</code>',
      ),
    ).toBe('moving<code class="language-ts">x</code>');
    expect(sanitizeMatrixHtml('<div class="x">plain</div>')).toBe("<div>plain</div>");
  });
});
