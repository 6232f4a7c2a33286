import { answersToForm, exampleSurvey, generateAnswers } from "@agora/surveys/testing";
import fc from "fast-check";
import { filler } from "./json-mutations.ts";
import type { HttpCase } from "./http-case.ts";

/** The largest form the survey page reads (its FORM_BODY_LIMIT); past it the answer is 413. */
const FORM_BODY_LIMIT = 256 * 1024;

const example = exampleSurvey();

/** What a text field is filled with: what PostgreSQL cannot store, what UTF-8 cannot carry, and merely unusual text. */
const TEXTS = [
  "nul",
  "raw-nul",
  "surrogate",
  "raw-invalid-utf8",
  "huge",
  "unicode",
  "controls",
  "spaces",
  "bom",
  "html",
] as const;
type TextKind = (typeof TEXTS)[number];

/** Fields a member types into; `q.sig_which` is shown only after some answers to `q.sig_interest`. */
const TEXT_FIELDS = [
  "q.improve",
  "q.sig_which",
  "q.architectures.other",
  "q.usage.other",
  "lang",
  "token",
  "q.unknown",
] as const;
const NUMBER_FIELDS = ["q.machines", "q.satisfaction", "q.recommend", "q.priorities.docs"] as const;
const NUMBER_TEXTS = [
  "1e400",
  "NaN",
  "Infinity",
  "2,5",
  "-0",
  "99999999999999999999999",
  "0x10",
  "１",
  "4.0",
  "-1",
  "1e308",
] as const;
const UNKNOWN_NAMES = ["q.nope", "q.usage.extra", "\u0000", "q.\ud800", "q.", "", "q.usage\u0000"] as const;
const RAW_TAILS = ["%zz", "%", "%E0%A4%A", "&&&", "==", "%00=%00", "q.usage", "q.usage=%ED%A0%80"] as const;

export type FormMutation =
  | { op: "text"; field: (typeof TEXT_FIELDS)[number]; kind: TextKind; length: number }
  | { op: "nul-in-value"; at: number }
  | { op: "nul-in-name"; at: number }
  | { op: "repeat"; at: number; value: "same" | "other-option" | "garbage" }
  | { op: "drop"; at: number }
  | { op: "unknown-field"; name: (typeof UNKNOWN_NAMES)[number]; value: "x" | "\u0000" }
  | { op: "number"; field: (typeof NUMBER_FIELDS)[number]; text: (typeof NUMBER_TEXTS)[number] }
  | { op: "raw-tail"; tail: (typeof RAW_TAILS)[number] };

const SLUGS = [
  "example",
  "unknown",
  "nul",
  "nul-inside",
  "surrogate",
  "percent",
  "long",
  "unicode",
  "upper-case",
  "trailing-slash",
  "dots",
  "quote",
] as const;
export type SlugShape = (typeof SLUGS)[number];

export interface SurveyRecipe {
  /** Seeds the project's generator of valid answers to the example survey. */
  seed: number;
  mutations: FormMutation[];
  slug: SlugShape;
  contentType: "form" | "form-charset" | "json" | "multipart" | "none";
  origin: "none" | "own" | "null" | "cross-site" | "sec-fetch-cross-site";
}

export interface SurveyLimits {
  /** Longest text a `huge` fill writes; above 256 KiB the whole form is too large. */
  maxText: number;
}

function formMutationArb(limits: SurveyLimits): fc.Arbitrary<FormMutation> {
  const at = fc.nat({ max: 1000 });
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant("text" as const),
        field: fc.constantFrom(...TEXT_FIELDS),
        kind: fc.constantFrom(...TEXTS),
        length: fc.integer({ min: 200, max: limits.maxText }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("nul-in-value" as const), at }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("nul-in-name" as const), at }) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant("repeat" as const),
        at,
        value: fc.constantFrom("same" as const, "other-option" as const, "garbage" as const),
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("drop" as const), at }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("unknown-field" as const),
        name: fc.constantFrom(...UNKNOWN_NAMES),
        value: fc.constantFrom("x" as const, "\u0000" as const),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant("number" as const),
        field: fc.constantFrom(...NUMBER_FIELDS),
        text: fc.constantFrom(...NUMBER_TEXTS),
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("raw-tail" as const), tail: fc.constantFrom(...RAW_TAILS) }) },
  );
}

const usually = <T>(usual: T, ...others: T[]) =>
  fc.oneof(
    { weight: 6 * others.length, arbitrary: fc.constant(usual) },
    { weight: others.length, arbitrary: fc.constantFrom(...others) },
  );

export function surveyRecipeArb(limits: SurveyLimits): fc.Arbitrary<SurveyRecipe> {
  return fc.record({
    seed: fc.nat(),
    mutations: fc.oneof(
      { weight: 1, arbitrary: fc.constant<FormMutation[]>([]) },
      { weight: 3, arbitrary: fc.array(formMutationArb(limits), { minLength: 1, maxLength: 3 }) },
    ),
    slug: usually<SlugShape>("example", ...SLUGS.filter((s) => s !== "example")),
    contentType: usually<SurveyRecipe["contentType"]>("form", "form-charset", "json", "multipart", "none"),
    origin: usually<SurveyRecipe["origin"]>("none", "own", "null", "cross-site", "sec-fetch-cross-site"),
  });
}

/**
 * Percent-encodes as a browser would, except that a lone surrogate becomes the three bytes it
 * would take in UTF-8 (as a client that encodes UTF-16 code units one by one sends it), where
 * `encodeURIComponent` would throw.
 */
function encode(text: string): string {
  let out = "";
  for (const part of text.split(/([\ud800-\udfff])/u)) {
    if (/^[\ud800-\udfff]$/.test(part) && part.isWellFormed() === false) {
      const unit = part.charCodeAt(0);
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join("");
    } else {
      out += encodeURIComponent(part).replace(/%20/g, "+");
    }
  }
  return out;
}

/** A form value as encoded text, or raw bytes spliced in unencoded. */
type Piece = string | Uint8Array;

function textValue(kind: TextKind, length: number, serial: number): { value: string } | { raw: Uint8Array } {
  switch (kind) {
    case "nul":
      return { value: "before\u0000after" };
    case "raw-nul":
      return { raw: Buffer.from("before\u0000after", "utf8") };
    case "surrogate":
      return { value: "half \ud800 a pair" };
    case "raw-invalid-utf8":
      return { raw: Buffer.concat([Buffer.from("bad "), Buffer.from("eda080ff", "hex"), Buffer.from(" bytes")]) };
    case "huge":
      return { value: filler(length, serial) };
    case "unicode":
      return { value: "Grüße 🙂 مرحبا \u202eevil\u202c 𝔘𝔫𝔦" };
    case "controls":
      return { value: "\u0001\u001f\u007f\u0085\u2028\u2029" };
    case "spaces":
      return { value: " \t\r\n " };
    case "bom":
      return { value: "\ufeff" };
    case "html":
      return { value: "<script>alert(1)</script>&amp;\"'" };
  }
}

function slugPath(shape: SlugShape, marker: string): string {
  switch (shape) {
    case "example":
      return "example";
    case "unknown":
      return `nope-${marker}`;
    case "nul":
      return "%00";
    case "nul-inside":
      return "exa%00mple";
    case "surrogate":
      return "%ED%A0%80";
    case "percent":
      return "%E0%A4%A";
    case "long":
      return filler(4000, 7);
    case "unicode":
      return encodeURIComponent("ümfrage-🙂");
    case "upper-case":
      return "EXAMPLE";
    case "trailing-slash":
      return "example/";
    case "dots":
      return "%2e%2e";
    case "quote":
      return encodeURIComponent("example'--");
  }
}

/** A distinct client address per case: the rate limit counts members, and each case is a new one. */
function clientAddress(serial: number): string {
  return `10.${(serial >> 16) & 255}.${(serial >> 8) & 255}.${serial & 255}`;
}

/**
 * The form post a recipe stands for, and what the page must answer. The expectation follows the
 * order the route checks in: cross-site posts, the content type, the size, then the answers.
 */
export function buildSurveyPost(recipe: SurveyRecipe, marker: string, serial: number, ownOrigin: string): HttpCase {
  const [answers] = generateAnswers(example, 1, recipe.seed + 1);
  const fields: [string, string][] = [...answersToForm(example, answers!)].flatMap(([name, values]) =>
    values.map((v) => [name, v] as [string, string]),
  );
  const tail: Piece[] = [];
  const applied: string[] = [];
  for (const m of recipe.mutations) {
    const index = "at" in m && fields.length ? m.at % fields.length : 0;
    switch (m.op) {
      case "text": {
        const filled = textValue(m.kind, m.length, serial);
        if ("value" in filled) fields.push([m.field, filled.value]);
        else tail.push(`&${encode(m.field)}=`, filled.raw);
        applied.push(`text ${m.kind}${m.kind === "huge" ? ` ${m.length}` : ""} in ${m.field}`);
        break;
      }
      case "nul-in-value":
        if (!fields.length) continue;
        fields[index]![1] += "\u0000";
        applied.push(`nul in value of ${fields[index]![0]}`);
        break;
      case "nul-in-name":
        if (!fields.length) continue;
        applied.push(`nul in name ${fields[index]![0]}`);
        fields[index]![0] += "\u0000";
        break;
      case "repeat": {
        if (!fields.length) continue;
        const [name, value] = fields[index]!;
        fields.push([name, m.value === "same" ? value : m.value === "other-option" ? "hpc" : "garbage\u0000"]);
        applied.push(`repeat ${name} (${m.value})`);
        break;
      }
      case "drop":
        if (!fields.length) continue;
        applied.push(`drop ${fields[index]![0]}`);
        fields.splice(index, 1);
        break;
      case "unknown-field":
        fields.push([m.name, m.value]);
        applied.push(`unknown field ${JSON.stringify(m.name)}=${JSON.stringify(m.value)}`);
        break;
      case "number":
        fields.push([m.field, m.text]);
        applied.push(`number ${m.text} in ${m.field}`);
        break;
      case "raw-tail":
        tail.push(`&${m.tail}`);
        applied.push(`raw ${JSON.stringify(m.tail)}`);
        break;
    }
  }
  const pieces: Piece[] = [fields.map(([n, v]) => `${encode(n)}=${encode(v)}`).join("&"), ...tail];
  const body = Buffer.concat(pieces.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : p)));

  const headers: Record<string, string> = { "x-request-id": marker, "x-forwarded-for": clientAddress(serial) };
  const contentTypes = {
    form: "application/x-www-form-urlencoded",
    "form-charset": "application/x-www-form-urlencoded; charset=UTF-8",
    json: "application/json",
    multipart: "multipart/form-data; boundary=x",
    none: undefined,
  };
  const contentType = contentTypes[recipe.contentType];
  if (contentType) headers["content-type"] = contentType;
  if (recipe.origin === "own") headers.origin = ownOrigin;
  if (recipe.origin === "null") headers.origin = "null";
  if (recipe.origin === "cross-site") headers.origin = "https://evil.example";
  if (recipe.origin === "sec-fetch-cross-site") headers["sec-fetch-site"] = "cross-site";

  let expect: HttpCase["expect"];
  // Which check comes first for a path that is no survey's (a route of its own, or none) is the server's choice.
  if (recipe.slug !== "example") expect = { kind: "refused-4xx", reason: "no such survey" };
  else if (recipe.origin === "cross-site" || recipe.origin === "sec-fetch-cross-site")
    expect = { kind: "refused", status: 403, reason: "cross-site" };
  else if (recipe.contentType !== "form" && recipe.contentType !== "form-charset")
    expect = { kind: "refused", status: 415, reason: "not a form" };
  else if (body.byteLength > FORM_BODY_LIMIT) expect = { kind: "refused", status: 413, reason: "form too large" };
  else if (recipe.mutations.length === 0) expect = { kind: "answer", status: 303 };
  else expect = { kind: "no-5xx" };

  const extras = [
    recipe.slug !== "example" && `slug=${recipe.slug}`,
    recipe.contentType !== "form" && `content-type=${recipe.contentType}`,
    recipe.origin !== "none" && `origin=${recipe.origin}`,
  ].filter(Boolean);
  return {
    marker,
    family: "survey",
    path: `/s/${slugPath(recipe.slug, marker)}`,
    headers,
    body,
    sends: 1,
    expect,
    description: `survey seed=${recipe.seed} [${applied.join("; ") || "unmutated"}]${extras.length ? ` ${extras.join(" ")}` : ""} (${body.byteLength} B)`,
  };
}
