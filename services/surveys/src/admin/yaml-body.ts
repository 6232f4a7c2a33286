import { isNode, LineCounter, parseDocument, Parser, visit, type Document } from "yaml";
import { yamlShapeProblem } from "./nesting-limits.ts";

/**
 * Anchor uses the YAML library expands (its `maxAliasCount`), against alias bombs: ten times its
 * default, since a survey may reuse one anchored scale in each of its 200 questions.
 */
const MAX_ALIAS_COUNT = 1000;

export type YamlBody =
  | { ok: true; value: unknown; lineOf(path: readonly PropertyKey[]): number | undefined }
  | { ok: false; problems: string[] };

/**
 * Reads an admin's YAML body into plain data within limits the library would otherwise hit as a
 * crash or a stall: nesting, keys per mapping and alias expansion. Every refusal names its line.
 */
export function readYamlBody(text: string): YamlBody {
  const lines = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  const shape = yamlShapeProblem([...new Parser(lines.addNewLine).parse(text)]);
  if (shape) return { ok: false, problems: [`${at(shape.offset)}: ${shape.problem}`] };

  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0)
    return { ok: false, problems: doc.errors.map((error) => `${at(error.pos[0])}: ${error.message}`) };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return { ok: false, problems: [aliasProblem(doc, at)] };
  }
  return { ok: true, value, lineOf: (path) => lineOf(doc, lines, path) };
}

/** Why the aliases could not be expanded, in words of our own: the library's throw names no line. */
function aliasProblem(doc: Document.Parsed, at: (offset: number) => string): string {
  let first: string | undefined;
  let unresolved: string | undefined;
  visit(doc, {
    Alias(_, alias) {
      const where = alias.range ? at(alias.range[0]) : "an alias";
      first ??= where;
      if (!alias.resolve(doc)) {
        unresolved = `${where}: *${alias.source} refers to no anchor (&${alias.source}) defined before it`;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return (
    unresolved ?? `${first ?? "the body"}: its aliases expand to more than ${MAX_ALIAS_COUNT} copies of anchored values`
  );
}

// A missing key has no node of its own: the nearest ancestor that exists is where to add it.
function lineOf(doc: Document.Parsed, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth > 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}
