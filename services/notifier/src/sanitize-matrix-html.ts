import sanitizeHtml from "sanitize-html";

// The tags and attributes the client-server API lists for `org.matrix.custom.html` in
// m.room.message (spec v1.x, "HTML formatting"); everything else is stripped, keeping its text.
const allowedTags = [
  "font",
  "del",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "p",
  "a",
  "ul",
  "ol",
  "sup",
  "sub",
  "li",
  "b",
  "i",
  "u",
  "strong",
  "em",
  "s",
  "code",
  "hr",
  "br",
  "div",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "caption",
  "pre",
  "span",
  "img",
  "details",
  "summary",
];

const options: sanitizeHtml.IOptions = {
  allowedTags,
  allowedAttributes: {
    font: ["data-mx-bg-color", "data-mx-color", "color"],
    span: ["data-mx-bg-color", "data-mx-color", "data-mx-spoiler", "data-mx-maths"],
    div: ["data-mx-maths"],
    a: ["href", "target"],
    img: ["width", "height", "alt", "title", "src"],
    ol: ["start"],
  },
  allowedClasses: { code: ["language-*"] },
  allowedSchemesByTag: { a: ["http", "https", "mailto", "matrix"], img: ["mxc"] },
  allowedSchemes: [],
  allowProtocolRelative: false,
  // Their contents are code or styling, never text a reader should see.
  nonTextTags: ["script", "style", "textarea", "noscript", "title", "head", "mx-reply"],
};

/** Holds HTML to what Matrix clients are asked to render; hostile markup loses its teeth. */
export function sanitizeMatrixHtml(html: string): string {
  return sanitizeHtml(html, options);
}
