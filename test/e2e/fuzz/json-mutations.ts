import fc from "fast-check";

/**
 * Where a mutation lands: a number picks one of the document's places (modulo their count), a
 * dotted path names one (and the mutation is skipped where the document has no such place).
 */
export type Place = number | string;

/**
 * Mutations of a JSON document, as small records rather than the values they produce: a failing
 * case then prints as "huge-string 300000 at post.raw" instead of 300 KB of text, and the same
 * record always builds the same bytes.
 */
export type Mutation =
  | { op: "nul-in-string"; at: Place }
  | { op: "surrogate-in-string"; at: Place; unit: "\ud800" | "\udfff" | "\udc00\ud800" }
  | { op: "nul-in-key"; at: Place }
  | { op: "surrogate-in-key"; at: Place }
  /** A number as raw JSON text: some of these no JavaScript number holds exactly. */
  | { op: "number"; at: Place; text: string }
  | { op: "wrong-type"; at: Place; value: WrongValue }
  | { op: "huge-string"; at: Place; length: number }
  | { op: "deep"; at: Place; depth: number; shape: "array" | "object" }
  | { op: "delete"; at: Place };

type WrongValue = null | boolean | number | string | [] | Record<string, never> | [null];

/** The body-level damage done after serialising: what a cut connection or a broken client sends. */
export type WireDamage =
  | { wire: "none" }
  /** Keeps this many thousandths of the bytes after the case marker. */
  | { wire: "truncate"; keep: number }
  /** Bytes no UTF-8 decoder accepts, at this many thousandths into the body. */
  | { wire: "invalid-utf8"; bytes: "ff" | "c0af" | "eda080"; at: number }
  | { wire: "empty" }
  | { wire: "trailing-garbage" };

export interface SizeLimits {
  /** Longest string a `huge-string` mutation writes. */
  maxString: number;
  /** Deepest nesting a `deep` mutation writes. */
  maxDepth: number;
}

/** Ids as JSON text: past 2^53, past 2^64, past a double, fractions and signs. */
export const HOSTILE_NUMBERS = [
  "18446744073709551616", // 2^64
  "9223372036854775808", // 2^63, one past a bigint
  "9007199254740993", // 2^53 + 1, rounds in a double
  "1e308",
  "1e400", // Infinity once parsed
  "1.5",
  "-1",
  "-0",
  "0.0",
  "123456789012345678901234567890123456789",
] as const;

const wrongValues: WrongValue[] = [null, true, false, 0, "", "1", [], {}, [null]];

/** One mutation; `at` picks a place in the document (taken modulo the number of places). */
export function mutationArb(limits: SizeLimits): fc.Arbitrary<Mutation> {
  const at = fc.nat({ max: 100_000 });
  return fc.oneof(
    fc.record({ op: fc.constant("nul-in-string" as const), at }),
    fc.record({
      op: fc.constant("surrogate-in-string" as const),
      at,
      unit: fc.constantFrom("\ud800" as const, "\udfff" as const, "\udc00\ud800" as const),
    }),
    fc.record({ op: fc.constant("nul-in-key" as const), at }),
    fc.record({ op: fc.constant("surrogate-in-key" as const), at }),
    fc.record({ op: fc.constant("number" as const), at, text: fc.constantFrom(...HOSTILE_NUMBERS) }),
    fc.record({ op: fc.constant("wrong-type" as const), at, value: fc.constantFrom(...wrongValues) }),
    fc.record({
      op: fc.constant("huge-string" as const),
      at,
      length: fc.integer({ min: 1000, max: limits.maxString }),
    }),
    fc.record({
      op: fc.constant("deep" as const),
      at,
      depth: fc.integer({ min: 64, max: limits.maxDepth }),
      shape: fc.constantFrom("array" as const, "object" as const),
    }),
    fc.record({ op: fc.constant("delete" as const), at }),
  );
}

export function wireDamageArb(): fc.Arbitrary<WireDamage> {
  const thousandths = fc.integer({ min: 0, max: 999 });
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant({ wire: "none" as const }) },
    { weight: 1, arbitrary: fc.record({ wire: fc.constant("truncate" as const), keep: thousandths }) },
    {
      weight: 1,
      arbitrary: fc.record({
        wire: fc.constant("invalid-utf8" as const),
        bytes: fc.constantFrom("ff" as const, "c0af" as const, "eda080" as const),
        at: thousandths,
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom({ wire: "empty" as const }, { wire: "trailing-garbage" as const }) },
  );
}

type Path = (string | number)[];

/** Every place in the document (the root, each member and element), in document order. */
function placesOf(root: unknown): Path[] {
  const places: Path[] = [];
  const stack: { value: unknown; path: Path }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    places.push(path);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else if (value && typeof value === "object") {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push({ value: entries[i]![1], path: [...path, entries[i]![0]] });
    }
  }
  return places;
}

type Container = Record<string, unknown> | unknown[];

function parentOf(root: unknown, path: Path): Container | undefined {
  let at: unknown = root;
  for (const key of path.slice(0, -1)) at = (at as Record<string | number, unknown>)[key];
  return at && typeof at === "object" ? (at as Container) : undefined;
}

function placeName(path: Path): string {
  return path.length ? path.join(".") : "(root)";
}

/** A string holding `inner` in its middle, built from what was there if it was a string. */
function withInside(value: unknown, inner: string): string {
  const text = typeof value === "string" ? value : "text";
  const middle = Math.floor(text.length / 2);
  return text.slice(0, middle) + inner + text.slice(middle);
}

/** Deterministic filler: no run of it compresses, so a long value stays long in every layer. */
export function filler(length: number, seed: number): string {
  let out = "";
  let x = (seed * 2654435761) >>> 0 || 1;
  while (out.length < length) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out += x.toString(36);
  }
  return out.slice(0, length);
}

/**
 * The document with every mutation applied, serialised. Values JSON.stringify cannot write (raw
 * number text, nesting deeper than its recursion) go in as placeholders replaced in the text.
 * Also says where each mutation landed, for the case's description.
 */
export function applyMutations(document: unknown, mutations: readonly Mutation[]): { text: string; applied: string[] } {
  const root = { value: structuredClone(document) as unknown };
  const raw: string[] = [];
  const applied: string[] = [];
  const placeholder = (text: string) => `\u0001raw${raw.push(text) - 1}\u0001`;
  for (const m of mutations) {
    const places = placesOf(root.value).map((p) => ["value", ...p] as Path);
    // Key mutations need a member of an object; every other one can land anywhere.
    const pool =
      m.op === "nul-in-key" || m.op === "surrogate-in-key"
        ? places.filter((p) => p.length > 1 && typeof p.at(-1) === "string")
        : places;
    const path =
      typeof m.at === "number"
        ? pool[m.at % Math.max(pool.length, 1)]
        : pool.find((p) => placeName(p.slice(1)) === m.at);
    if (!path) continue;
    const parent = parentOf(root, path) as Record<string | number, unknown>;
    const key = path.at(-1)!;
    const name = placeName(path.slice(1));
    switch (m.op) {
      case "nul-in-string":
        parent[key] = withInside(parent[key], "\u0000");
        break;
      case "surrogate-in-string":
        parent[key] = withInside(parent[key], m.unit);
        break;
      case "nul-in-key":
      case "surrogate-in-key": {
        const renamed = withInside(String(key), m.op === "nul-in-key" ? "\u0000" : "\ud800");
        const entries = Object.entries(parent).map(([k, v]) => [k === key ? renamed : k, v] as const);
        for (const k of Object.keys(parent)) delete parent[k];
        Object.assign(parent, Object.fromEntries(entries));
        break;
      }
      case "number":
        parent[key] = placeholder(m.text);
        break;
      case "wrong-type":
        parent[key] = structuredClone(m.value);
        break;
      case "huge-string":
        parent[key] = filler(m.length, m.length);
        break;
      case "deep":
        parent[key] = placeholder(
          m.shape === "array"
            ? "[".repeat(m.depth) + "]".repeat(m.depth)
            : '{"a":'.repeat(m.depth) + "1" + "}".repeat(m.depth),
        );
        break;
      case "delete":
        if (path.length === 1) continue;
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
        break;
    }
    applied.push(
      `${m.op}${m.op === "number" ? ` ${m.text}` : m.op === "wrong-type" ? ` ${JSON.stringify(m.value)}` : m.op === "huge-string" ? ` ${m.length}` : m.op === "deep" ? ` ${m.shape} ${m.depth}` : ""} at ${name}`,
    );
  }
  const text = JSON.stringify(root.value).replace(/"\\u0001raw(\d+)\\u0001"/g, (_, i: string) => raw[Number(i)]!);
  return { text, applied };
}

/** The body's bytes after the wire damage; `keepFrom` is where damage may start (after the case marker). */
export function damage(text: string, wire: WireDamage, keepFrom: number): Uint8Array {
  const bytes = Buffer.from(text, "utf8");
  const at = (thousandths: number) => keepFrom + Math.floor(((bytes.length - keepFrom) * thousandths) / 1000);
  switch (wire.wire) {
    case "none":
      return bytes;
    case "truncate":
      return bytes.subarray(0, at(wire.keep));
    case "invalid-utf8": {
      const cut = at(wire.at);
      return Buffer.concat([bytes.subarray(0, cut), Buffer.from(wire.bytes, "hex"), bytes.subarray(cut)]);
    }
    case "empty":
      return new Uint8Array(0);
    case "trailing-garbage":
      return Buffer.concat([bytes, Buffer.from("}x")]);
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** What any JSON reader must conclude from the bytes: a JSON object, or not. */
export function isJsonObject(bytes: Uint8Array): boolean {
  try {
    const parsed: unknown = JSON.parse(strictUtf8.decode(bytes));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}
