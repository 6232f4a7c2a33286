/**
 * The SVG elements of a page, each checked to be well-formed XML as far as our charts go:
 * every tag closed in order, attributes quoted, no stray `<` or `&` in text.
 */
export function wellFormedSvgs(html: string): string[] {
  const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  for (const svg of svgs) {
    const stack: string[] = [];
    const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
    let last = 0;
    for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
      checkText(svg.slice(last, m.index));
      last = tag.lastIndex;
      const [, closing, name, , selfClosing] = m;
      if (closing) {
        if (stack.pop() !== name) throw new Error(`</${name}> closes nothing open in ${svg.slice(0, 80)}`);
      } else if (!selfClosing) stack.push(name!);
    }
    checkText(svg.slice(last));
    if (stack.length) throw new Error(`unclosed <${stack.join(">, <")}>`);
  }
  return svgs;
}

function checkText(text: string): void {
  if (text.includes("<")) throw new Error(`a tag that does not parse near: ${text.slice(0, 60)}`);
  if (/&(?!(?:amp|lt|gt|quot|#39|#x27);)/.test(text)) throw new Error(`a bare & in: ${text.slice(0, 60)}`);
}
