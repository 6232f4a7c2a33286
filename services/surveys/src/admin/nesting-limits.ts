import type { CST } from "yaml";

/**
 * Deeper than any survey definition needs (a condition inside `all` inside `not` inside a question
 * is eight levels), and shallow enough that every recursive reader after this check (the YAML
 * library's composer, zod's conditions) stays far from the stack's end.
 */
export const MAX_NESTING = 32;

/**
 * Keys in one YAML mapping. The YAML library checks each key against every key before it, so a
 * mapping of n keys costs n²: 20,000 keys take seconds. A definition's mappings hold a few dozen.
 */
export const MAX_MAPPING_KEYS = 256;

/** The path to the first value nested deeper than MAX_NESTING, walked without recursion. */
export function tooDeepAt(value: unknown): PropertyKey[] | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { value: current, path } = top;
    if (typeof current !== "object" || current === null) continue;
    if (path.length >= MAX_NESTING) return path;
    for (const [key, inner] of Object.entries(current))
      stack.push({ value: inner, path: [...path, Array.isArray(current) ? Number(key) : key] });
  }
  return undefined;
}

/**
 * What is wrong with the shape of parsed YAML, before the library composes it (recursively):
 * the offset of a collection nested too deep or a mapping with too many keys.
 */
export function yamlShapeProblem(tokens: readonly CST.Token[]): { offset: number; problem: string } | undefined {
  const stack: { token: CST.Token | null | undefined; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { token, depth } = top;
    if (!token) continue;
    if (token.type === "document") {
      stack.push({ token: token.value, depth });
      continue;
    }
    if (token.type !== "block-map" && token.type !== "block-seq" && token.type !== "flow-collection") continue;
    if (depth >= MAX_NESTING) return { offset: token.offset, problem: `nested deeper than ${MAX_NESTING} levels` };
    const isMap = token.type === "block-map" || (token.type === "flow-collection" && token.start.source === "{");
    if (isMap && token.items.length > MAX_MAPPING_KEYS)
      return { offset: token.offset, problem: `a mapping with more than ${MAX_MAPPING_KEYS} keys` };
    for (const item of token.items) {
      stack.push({ token: item.key, depth: depth + 1 }, { token: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}
