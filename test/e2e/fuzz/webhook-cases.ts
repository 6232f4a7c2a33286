import { createHmac } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { DISCOURSE_SECRET, GITLAB_SECRET } from "../processes.ts";
import {
  applyMutations,
  damage,
  filler,
  isJsonObject,
  mutationArb,
  wireDamageArb,
  type Mutation,
  type SizeLimits,
  type WireDamage,
} from "./json-mutations.ts";
import { markerPrefix, type HttpCase } from "./http-case.ts";

const fixtures = new URL("../../../packages/schemas/test/fixtures/", import.meta.url);
const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, fixtures), "utf8"));

interface Fixture {
  name: string;
  event: string;
  body: Record<string, unknown>;
}

const gitlabFixtures: Fixture[] = [
  { name: "issue-open.json", event: "Issue Hook", body: readJson("gitlab/issue-open.json") as Record<string, unknown> },
  { name: "note-issue.json", event: "Note Hook", body: readJson("gitlab/note-issue.json") as Record<string, unknown> },
  {
    name: "merge-request.json",
    event: "Merge Request Hook",
    body: readJson("gitlab/merge-request.json") as Record<string, unknown>,
  },
];

const discourseFixtures: Fixture[] = [
  ...readdirSync(new URL("discourse/", fixtures))
    .filter((name) => name.startsWith("fedora_"))
    .map((name) => {
      const file = readJson(`discourse/${name}`) as { headers: Record<string, string>; body: Record<string, unknown> };
      const body = structuredClone(file.body);
      // The relay that kept these removed the post's text; Discourse sends both, and the text is
      // what a bridge copies into a room, so it is put back for mutations to land in.
      const post = body.post as Record<string, unknown> | undefined;
      if (post) Object.assign(post, { raw: "Hello **forum**", cooked: "<p>Hello <strong>forum</strong></p>" });
      return { name, event: file.headers["X-Discourse-Event"]!, body };
    }),
  { name: "ping", event: "ping", body: { ping: "OK" } },
];

/** Where the text a person wrote sits: mutations aimed here test what bridges and triage copy on. */
const TEXT_PLACES = [
  "post.raw",
  "post.cooked",
  "post.topic_title",
  "post.username",
  "topic.title",
  "topic.slug",
  "object_attributes.title",
  "object_attributes.description",
  "object_attributes.note",
  "user.name",
  "project.path_with_namespace",
];

/** How a header is sent: as it should be, absent, empty, of an unexpected value, long, or in bytes past ASCII. */
export type HeaderShape = "normal" | "missing" | "empty" | "unknown" | "latin1" | "long";

/** An authentication that is right, or one of the ways to get it wrong (none of them accidentally right). */
export type Forgery =
  | "valid"
  | "missing"
  | "empty"
  | "upper-case"
  | "one-char-short"
  | "one-char-more"
  | "other-secret"
  | "latin1"
  | "long"
  | "over-other-body"
  | "no-prefix"
  | "sha1"
  | "flipped-digit";

export interface WebhookRecipe {
  source: "gitlab" | "discourse";
  fixture: number;
  mutations: Mutation[];
  /** A mutation aimed at the text a person wrote. */
  textHit: { place: number; unit: "\u0000" | "\ud800" } | null;
  wire: WireDamage;
  auth: Forgery;
  event: HeaderShape;
  /** Idempotency-Key (GitLab) or X-Discourse-Event-Id. */
  key: HeaderShape;
  /** X-Gitlab-Event-UUID (GitLab only). */
  eventUuid: HeaderShape;
  instance: HeaderShape;
  /** Headers past what the HTTP server takes (16 KiB): refused with 431 before the route runs. */
  oversizedHeaders: boolean;
  /** Sent twice at once, as a person re-sending a delivery does. */
  sends: 1 | 2;
  /** Length of each `long` header. */
  longLength: number;
}

export interface WebhookLimits extends SizeLimits {
  /** Longest `long` header (several in one request share 12,000 bytes). */
  maxHeader: number;
}

const often = <T>(usual: T, ...others: T[]) =>
  fc.oneof(
    { weight: 3 * others.length, arbitrary: fc.constant(usual) },
    { weight: others.length, arbitrary: fc.constantFrom(...others) },
  );

export function webhookRecipeArb(limits: WebhookLimits): fc.Arbitrary<WebhookRecipe> {
  return fc.constantFrom("gitlab" as const, "discourse" as const).chain((source) =>
    fc.record({
      source: fc.constant(source),
      fixture: fc.nat({ max: (source === "gitlab" ? gitlabFixtures : discourseFixtures).length - 1 }),
      mutations: fc.oneof(
        { weight: 2, arbitrary: fc.constant<Mutation[]>([]) },
        { weight: 3, arbitrary: fc.array(mutationArb(limits), { minLength: 1, maxLength: 3 }) },
      ),
      textHit: fc.option(
        fc.record({
          place: fc.nat({ max: TEXT_PLACES.length - 1 }),
          unit: fc.constantFrom("\u0000" as const, "\ud800" as const),
        }),
        { freq: 4 },
      ),
      wire: wireDamageArb(),
      auth:
        source === "gitlab"
          ? often<Forgery>(
              "valid",
              "missing",
              "empty",
              "upper-case",
              "one-char-short",
              "one-char-more",
              "other-secret",
              "latin1",
              "long",
            )
          : often<Forgery>(
              "valid",
              "missing",
              "empty",
              "over-other-body",
              "other-secret",
              "no-prefix",
              "sha1",
              "flipped-digit",
              "one-char-short",
              "long",
            ),
      event: often<HeaderShape>("normal", "missing", "empty", "unknown", "latin1", "long"),
      key: often<HeaderShape>("normal", "missing", "empty", "latin1", "long", "long"),
      eventUuid: often<HeaderShape>("normal", "missing", "long"),
      instance: often<HeaderShape>("normal", "missing", "latin1", "long"),
      oversizedHeaders: fc.nat({ max: 24 }).map((n) => n === 0),
      sends: fc.constantFrom(1 as const, 1 as const, 1 as const, 2 as const),
      longLength: fc.integer({ min: 1000, max: limits.maxHeader }),
    }),
  );
}

/** Bytes past ASCII, as a client sending UTF-8 header values puts them on the wire. */
const latin1 = (text: string) => Buffer.from(text, "utf8").toString("latin1");

function headerValue(shape: HeaderShape, normal: string, unique: string, length: number): string | undefined {
  switch (shape) {
    case "normal":
      return normal;
    case "missing":
      return undefined;
    case "empty":
      return "";
    case "unknown":
      return `Nonsense ${unique}`;
    case "latin1":
      return `${normal}-${latin1("Grüße 🙂 ÿ")}`;
    case "long":
      return `${normal}-${filler(length, Number.parseInt(unique.slice(2), 10) || 1)}`;
  }
}

const sha256Hex = (secret: string, body: Uint8Array) => createHmac("sha256", secret).update(body).digest("hex");

function gitlabToken(auth: Forgery, length: number): string | undefined {
  switch (auth) {
    case "valid":
      return GITLAB_SECRET;
    case "missing":
      return undefined;
    case "empty":
      return "";
    case "upper-case":
      return GITLAB_SECRET.toUpperCase();
    case "one-char-short":
      return GITLAB_SECRET.slice(0, -1);
    case "one-char-more":
      return `${GITLAB_SECRET}x`;
    case "other-secret":
      return DISCOURSE_SECRET;
    case "latin1":
      return `${GITLAB_SECRET}${latin1("ü")}`;
    default:
      return GITLAB_SECRET.repeat(Math.ceil(length / GITLAB_SECRET.length));
  }
}

function discourseSignature(auth: Forgery, body: Uint8Array, length: number): string | undefined {
  const hex = sha256Hex(DISCOURSE_SECRET, body);
  switch (auth) {
    case "valid":
      return `sha256=${hex}`;
    case "missing":
      return undefined;
    case "empty":
      return "";
    case "over-other-body":
      return `sha256=${sha256Hex(DISCOURSE_SECRET, Buffer.concat([body, Buffer.from(" ")]))}`;
    case "other-secret":
      return `sha256=${sha256Hex(GITLAB_SECRET, body)}`;
    case "no-prefix":
      return hex;
    case "sha1":
      return `sha1=${createHmac("sha1", DISCOURSE_SECRET).update(body).digest("hex")}`;
    case "flipped-digit":
      return `sha256=${hex.slice(0, 10)}${hex[10] === "0" ? "1" : "0"}${hex.slice(11)}`;
    case "one-char-short":
      return `sha256=${hex.slice(0, -1)}`;
    default:
      return `sha256=${hex}${"0".repeat(length)}`;
  }
}

function longHeaders(recipe: WebhookRecipe): number {
  const shapes = [recipe.event, recipe.key, recipe.instance, ...(recipe.source === "gitlab" ? [recipe.eventUuid] : [])];
  return shapes.filter((s) => s === "long").length + (recipe.auth === "long" ? 1 : 0);
}

/** Long headers share 12,000 bytes, so that only `oversizedHeaders` crosses the server's 16 KiB. */
function longLength(recipe: WebhookRecipe): number {
  return Math.min(recipe.longLength, Math.floor(12_000 / Math.max(1, longHeaders(recipe))));
}

function describeRecipe(recipe: WebhookRecipe, fixture: Fixture, applied: string[]): string {
  const headers = [
    `auth=${recipe.auth}`,
    `event=${recipe.event}`,
    `${recipe.source === "gitlab" ? "idempotency-key" : "event-id"}=${recipe.key}`,
  ];
  if (recipe.source === "gitlab") headers.push(`event-uuid=${recipe.eventUuid}`);
  headers.push(`instance=${recipe.instance}`);
  if (longHeaders(recipe)) headers.push(`long=${longLength(recipe)}`);
  if (recipe.oversizedHeaders) headers.push("oversized-headers");
  if (recipe.sends > 1) headers.push(`sent ×${recipe.sends}`);
  const wire = recipe.wire.wire === "none" ? "" : ` wire=${JSON.stringify(recipe.wire)}`;
  return `${recipe.source} ${fixture.name} [${applied.join("; ") || "unmutated"}]${wire} ${headers.join(" ")}`;
}

/**
 * The request a recipe stands for, and what the intake must answer. The expectation follows the
 * order the routes check in: headers the HTTP server takes at all, then authentication, then the
 * event header, then whether the body is a JSON object.
 */
export function buildWebhook(recipe: WebhookRecipe, marker: string, serial: number): HttpCase {
  const fixture = (recipe.source === "gitlab" ? gitlabFixtures : discourseFixtures)[recipe.fixture]!;
  const mutations: Mutation[] = [...recipe.mutations];
  if (recipe.textHit) {
    const at = TEXT_PLACES[recipe.textHit.place]!;
    mutations.push(
      recipe.textHit.unit === "\u0000"
        ? { op: "nul-in-string", at }
        : { op: "surrogate-in-string", at, unit: "\ud800" },
    );
  }
  const { text, applied } = applyMutations(fixture.body, mutations);
  // Every body starts with the case's marker, so the row it makes (if any) can be found.
  const prefix = markerPrefix(marker);
  const marked = text.startsWith("{") ? (text === "{}" ? `${prefix.slice(0, -1)}}` : prefix + text.slice(1)) : text;
  const body = damage(marked, recipe.wire, marked.startsWith(prefix) ? prefix.length : 0);

  const headers: Record<string, string> = { "content-type": "application/json", "x-request-id": marker };
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) headers[name] = value;
  };
  const n = longLength(recipe);
  let authenticated: boolean;
  if (recipe.source === "gitlab") {
    headers["user-agent"] = "GitLab/18.2.0";
    set("x-gitlab-token", gitlabToken(recipe.auth, n));
    set("x-gitlab-event", headerValue(recipe.event, fixture.event, marker, n));
    set("idempotency-key", headerValue(recipe.key, `key-${marker}`, marker, n));
    set("x-gitlab-event-uuid", headerValue(recipe.eventUuid, `uuid-${marker}`, marker, n));
    set("x-gitlab-instance", headerValue(recipe.instance, "https://gitlab.example.org", marker, n));
    authenticated = recipe.auth === "valid";
  } else {
    headers["user-agent"] = "Discourse/3.5.0 - https://discourse.org";
    set("x-discourse-event-signature", discourseSignature(recipe.auth, body, n));
    set("x-discourse-event", headerValue(recipe.event, fixture.event, marker, n));
    set("x-discourse-event-type", fixture.event.split("_")[0]);
    set("x-discourse-event-id", headerValue(recipe.key, String(100_000 + serial), marker, n));
    set("x-discourse-instance", headerValue(recipe.instance, "https://forum.example.org", marker, n));
    authenticated = recipe.auth === "valid";
  }
  if (recipe.oversizedHeaders) headers["x-padding"] = filler(20_000, serial);

  const keyed =
    recipe.source === "gitlab"
      ? Boolean(headers["idempotency-key"]) || Boolean(headers["x-gitlab-event-uuid"])
      : Boolean(headers["x-discourse-event-id"]);
  const eventPresent = Boolean(headers[recipe.source === "gitlab" ? "x-gitlab-event" : "x-discourse-event"]);
  let expect: HttpCase["expect"];
  if (recipe.oversizedHeaders) expect = { kind: "refused", status: 431, reason: "headers too large", orReset: true };
  else if (!authenticated) expect = { kind: "refused", status: 401, reason: "unauthenticated" };
  else if (!eventPresent) expect = { kind: "refused", status: 400, reason: "no event header" };
  else if (!isJsonObject(body)) expect = { kind: "refused", status: 400, reason: "not a JSON object" };
  else expect = { kind: "delivery", status: 202, keyed };

  return {
    marker,
    family: recipe.source,
    path: `/hooks/${recipe.source}`,
    headers,
    body,
    sends: recipe.sends,
    expect,
    description: describeRecipe(recipe, fixture, applied),
  };
}
