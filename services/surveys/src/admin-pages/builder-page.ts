import type { Html } from "@agora/http";
import { LanguageTag, type Problem } from "@agora/schemas";
import { html } from "hono/html";
import { languageName } from "../page/choose-language.ts";
import { adminFrame, csrfField, errorSummary } from "./admin-frame.ts";
import { ACTION_FIELD, NEW_TYPE_FIELD } from "./builder-actions.ts";
import {
  draftLanguages,
  draftQuestions,
  isObject,
  STATE_FIELD,
  textIn,
  type Draft,
  type Loose,
} from "./builder-draft.ts";
import {
  isQuestionType,
  knownQuestionKeys,
  LIST_WORDS,
  listKeys,
  QUESTION_TYPES,
  TYPE_FIELDS,
  type ListKey,
} from "./builder-question-types.ts";
import { ADMIN_PATH, type AdminSession } from "./admin-session.ts";
import { surveyPath } from "./survey-pages.ts";

export const builderPath = (slug?: string) =>
  slug ? `${surveyPath(slug)}/builder` : `${ADMIN_PATH}/new-survey/builder`;

export interface BuilderInput {
  session: AdminSession;
  /** The stored survey being edited; absent for a new one. */
  slug?: string;
  draft: Draft;
  /** The check's problems, each shown next to the field its path leads to. */
  problems?: readonly Problem[];
  /** Why the survey cannot be changed here at all (it follows a file), shown above the form. */
  note?: string;
}

/** One rendering of the form: the fields it showed (by path) and the problems to put beside them. */
interface Ctx {
  langs: string[];
  seen: Set<string>;
  errors: Map<string, string[]>;
  action: string;
}

const SURVEY_KEYS = new Set([
  "slug",
  "languages",
  "title",
  "intro",
  "thanks",
  "opens_at",
  "closes_at",
  "access",
  "results",
  "questions",
]);
const idOf = (key: string) => (key === "" ? "builder" : `f-${key.replaceAll(".", "-")}`);

/**
 * The form builder: every field of a definition the builder knows as a form, and every change a
 * button that posts it. The draft travels in a hidden field as JSON; the fields, named by their
 * path, are written over it on the next post (ADR 10). Works without JavaScript.
 */
export function builderPage(input: BuilderInput): Html {
  const { draft, slug } = input;
  const langs = draftLanguages(draft);
  const action = builderPath(slug);
  // Rendered once to learn which fields exist, then again with each problem beside the nearest
  // field on its path: a problem of a field the builder has no input for lands on its question.
  const probe: Ctx = { langs, seen: new Set(), errors: new Map(), action };
  void formFields(probe, draft, slug);
  const ctx: Ctx = { ...probe, seen: new Set(), errors: new Map() };
  const summary = (input.problems ?? []).map((p) => {
    const path = p.path.map(String);
    const anchor = nearest(path, probe.seen);
    const rest = path.slice(anchor === "" ? 0 : anchor.split(".").length);
    ctx.errors.set(anchor, [
      ...(ctx.errors.get(anchor) ?? []),
      rest.length ? `${rest.join(".")}: ${p.message}` : p.message,
    ]);
    return { field: idOf(anchor), message: `${where(path)}: ${p.message}` };
  });
  const title = slug ? `Edit ${slug} in the form builder` : "New survey: form builder";
  const failed = summary.length > 0;
  const body = html`<p><a href="${slug ? surveyPath(slug) : ADMIN_PATH}">← ${slug ? "Back to the survey" : "All surveys"}</a></p>
<h1>${title}</h1>
${input.note ? html`<p class="notice">${input.note}</p>` : ""}
${errorSummary(summary)}
<p>Every button sends this form: the survey travels with it, and nothing is stored until you press <strong>${slug ? "Save" : "Save draft"}</strong>. Press <strong>Apply changes</strong> (or Enter) to see new fields, such as one per language after changing the languages. The YAML view shows the same definition, with anything the builder has no field for.</p>
<form method="post" action="${action}" novalidate id="builder">
${csrfField(input.session)}
<input type="hidden" name="${STATE_FIELD}" value="${JSON.stringify(draft)}">
<div class="actions">
<button type="submit" name="${ACTION_FIELD}" value="apply">Apply changes</button>
<button type="submit" name="${ACTION_FIELD}" value="yaml" class="secondary">Edit as YAML</button>
</div>
${formFields(ctx, draft, slug)}
<div class="actions builder-save">
<button type="submit" name="${ACTION_FIELD}" value="save">${slug ? "Save" : "Save draft"}</button>
<button type="submit" name="${ACTION_FIELD}" value="yaml" class="secondary">Edit as YAML</button>
</div>
</form>`;
  return adminFrame({ title: failed ? `Error: ${title}` : title, body, session: input.session });
}

/** The longest start of `path` that the form has a field or group for. */
function nearest(path: string[], seen: Set<string>): string {
  for (let n = path.length; n > 0; n--) {
    const key = path.slice(0, n).join(".");
    if (seen.has(key)) return key;
  }
  return "";
}

/** A problem's place in words for the summary: `Question 2 (os) › options › option 3 › id`. */
function where(path: string[]): string {
  if (path.length === 0) return "Survey";
  const words: string[] = [];
  const rest = [...path];
  for (let part = rest.shift(); part !== undefined; part = rest.shift()) {
    const [next] = rest;
    if (part === "questions" && next !== undefined && /^\d+$/.test(next)) {
      words.push(`Question ${Number(next) + 1}`);
      rest.shift();
    } else if (
      (part === "options" || part === "rows" || part === "scale") &&
      next !== undefined &&
      /^\d+$/.test(next)
    ) {
      words.push(`${LIST_WORDS[part].item} ${Number(next) + 1}`);
      rest.shift();
    } else {
      words.push(part);
    }
  }
  return words.join(" › ");
}

function formFields(ctx: Ctx, draft: Draft, slug: string | undefined): Html {
  const questions = draftQuestions(draft);
  const extra = Object.keys(draft).filter((k) => !SURVEY_KEYS.has(k));
  ctx.seen.add("questions");
  return html`<fieldset class="builder-section">
<legend>The survey</legend>
${input(ctx, "slug", "Slug (its address is /s/<slug>)", typeof draft.slug === "string" ? draft.slug : "", { hint: slug ? "A survey's slug does not change: make a new survey for another one." : "Lowercase letters, digits and dashes, like tooling-2026.", readonly: slug !== undefined })}
${input(ctx, "languages", "Languages", ctx.langs.join(", "), { hint: "Language tags separated by commas, the first is the default: en, de, pt-BR." })}
${localized(ctx, "title", "Title", draft.title)}
${localized(ctx, "intro", "Introduction (optional)", draft.intro, { multiline: true })}
${localized(ctx, "thanks", "Thanks after sending (optional)", draft.thanks)}
</fieldset>
${settings(ctx, draft)}
${extra.length ? html`<p class="notice">Also in this definition, kept as they are (change them in the YAML view): ${extra.map((k, i) => html`${i ? ", " : ""}<code>${k}</code>`)}.</p>` : ""}
<h2 id="${idOf("questions")}">Questions</h2>
${errorsOf(ctx, "questions")}
${
  questions === undefined
    ? html`<p class="notice">The definition's <code>questions</code> is not a list, so the builder cannot show it: correct it in the YAML view.</p>`
    : html`${questions.length === 0 ? html`<p>No questions yet: add the first one below.</p>` : ""}
${questions.map((q, i) => question(ctx, q, i, questions))}
${addQuestion(ctx, questions.length)}`
}`;
}

function settings(ctx: Ctx, draft: Draft): Html {
  const access = isObject(draft.access) ? draft.access : {};
  const mode = typeof access.mode === "string" ? access.mode : "open";
  const results = isObject(draft.results) ? draft.results : {};
  const modes = [
    ["open", "Open: anyone with the link (not deduplicated)"],
    ["invite", "Invite: one answer per invitation link"],
    ["blind", "Blind: members only, and not even the server can tell who answered what"],
  ] as const;
  ctx.seen.add("access");
  ctx.seen.add("access.mode");
  ctx.seen.add("results");
  return html`<fieldset class="builder-section">
<legend>Answers and results</legend>
<fieldset class="builder-group" id="${idOf("access.mode")}"${ariaErrors(ctx, "access.mode")}>
<legend>Who may answer</legend>
${errorsOf(ctx, "access.mode")}${errorsOf(ctx, "access")}
<div class="choice-list">
${modes.map(([value, label]) => html`<div class="choice"><input type="radio" id="${idOf(`access.mode.${value}`)}" name="access.mode" value="${value}"${mode === value ? " checked" : ""}><label for="${idOf(`access.mode.${value}`)}">${label}</label></div>`)}
</div>
</fieldset>
${errorsOf(ctx, "results")}
${checkbox(ctx, "results.public", "Results are public (admins always see them)", results.public === true)}
${input(ctx, "results.min_group_size", "Smallest count shown in results", numberText(results.min_group_size), { hint: "At least 2; 5 when empty. Smaller counts are hidden.", short: true })}
${input(ctx, "opens_at", "Opens at (optional)", typeof draft.opens_at === "string" ? draft.opens_at : "", { hint: "A date and time like 2026-09-01T08:00:00Z.", short: true })}
${input(ctx, "closes_at", "Closes at (optional)", typeof draft.closes_at === "string" ? draft.closes_at : "", { hint: "A date and time like 2026-09-30T22:00:00Z, after the opening.", short: true })}
</fieldset>`;
}

function question(ctx: Ctx, value: unknown, i: number, all: unknown[]): Html {
  const base = `questions.${i}`;
  ctx.seen.add(base);
  if (!isObject(value)) {
    return html`<fieldset class="builder-question" id="${idOf(base)}"><legend>Question ${i + 1}</legend>${errorsOf(ctx, base)}<p class="notice">This question is not a mapping of fields, so the builder cannot show it: correct it in the YAML view.</p>${moveButtons(ctx, i, all.length)}</fieldset>`;
  }
  const q = value;
  const typeName = isQuestionType(q.type)
    ? QUESTION_TYPES[q.type]
    : `type “${String(q.type)}”, which the builder has no fields for`;
  const fields = isQuestionType(q.type) ? TYPE_FIELDS[q.type] : {};
  const known = knownQuestionKeys(q.type);
  const extra = Object.keys(q).filter((k) => !known.has(k));
  const id = typeof q.id === "string" ? q.id : "";
  ctx.seen.add(`${base}.type`);
  return html`<fieldset class="builder-question" id="${idOf(base)}">
<legend>Question ${i + 1}: ${typeName}</legend>
${errorsOf(ctx, base)}${errorsOf(ctx, `${base}.type`)}
${input(ctx, `${base}.id`, "Id", id, { hint: "Starts with a letter; a-z, 0-9 and _. Results and exports name the question by it.", short: true })}
${localized(ctx, `${base}.title`, "Question", q.title)}
${localized(ctx, `${base}.help`, "Help text (optional)", q.help)}
${checkbox(ctx, `${base}.required`, "An answer is required", q.required === true)}
${(fields.numbers ?? []).map((f) => input(ctx, `${base}.${f.key}`, f.label, numberText(q[f.key]), { ...(f.hint && { hint: f.hint }), short: true }))}
${(fields.flags ?? []).map((f) => checkbox(ctx, `${base}.${f.key}`, f.label, q[f.key] === true))}
${(fields.texts ?? []).map((f) => localized(ctx, `${base}.${f.path.join(".")}`, `${f.label} (optional)`, f.path.length === 2 ? (isObject(q[f.path[0]]) ? (q[f.path[0]] as Loose)[f.path[1]] : undefined) : q[f.path[0]]))}
${listKeys(q.type).map((key) => itemList(ctx, q, i, key))}
${showIf(ctx, q, i, all.slice(0, i))}
${extra.length ? html`<p class="notice">Kept as they are (change them in the YAML view): ${extra.map((k, n) => html`${n ? ", " : ""}<code>${k}</code>`)}.</p>` : ""}
${moveButtons(ctx, i, all.length)}
</fieldset>`;
}

function moveButtons(ctx: Ctx, i: number, count: number): Html {
  const which = html`<span class="visually-hidden"> question ${i + 1}</span>`;
  return html`<div class="actions">
${i > 0 ? html`<button type="submit" name="${ACTION_FIELD}" value="up.${i}" formaction="${ctx.action}#${idOf(`questions.${i - 1}`)}" class="secondary">Move up${which}</button>` : ""}
${i < count - 1 ? html`<button type="submit" name="${ACTION_FIELD}" value="down.${i}" formaction="${ctx.action}#${idOf(`questions.${i + 1}`)}" class="secondary">Move down${which}</button>` : ""}
<button type="submit" name="${ACTION_FIELD}" value="remove.${i}" formaction="${ctx.action}#${idOf("questions")}" class="secondary">Remove${which}</button>
</div>`;
}

/** Options, likert rows or its scale: each item's id and label, a remove button each, and one to add. */
function itemList(ctx: Ctx, q: Loose, i: number, key: ListKey): Html {
  const base = `questions.${i}.${key}`;
  const words = LIST_WORDS[key];
  ctx.seen.add(base);
  const list = q[key];
  const items = Array.isArray(list) ? list : undefined;
  return html`<fieldset class="builder-group" id="${idOf(base)}"${ariaErrors(ctx, base)}>
<legend>${words.list}</legend>
${errorsOf(ctx, base)}
${
  items === undefined
    ? html`<p class="notice">Not a list, so the builder cannot show it: correct it in the YAML view.</p>`
    : html`<ol class="builder-items">${items.map((item: unknown, j) => {
        const itemBase = `${base}.${j}`;
        ctx.seen.add(itemBase);
        const o = isObject(item) ? item : {};
        return html`<li id="${idOf(itemBase)}">
${errorsOf(ctx, itemBase)}
${input(ctx, `${itemBase}.id`, `Id of ${words.item} ${j + 1}`, typeof o.id === "string" ? o.id : "", { short: true })}
${localized(ctx, `${itemBase}.label`, `Label of ${words.item} ${j + 1}`, o.label)}
<button type="submit" name="${ACTION_FIELD}" value="remove-item.${i}.${key}.${j}" formaction="${ctx.action}#${idOf(base)}" class="secondary">Remove ${words.item} ${j + 1}<span class="visually-hidden"> of question ${i + 1}</span></button>
</li>`;
      })}</ol>
<button type="submit" name="${ACTION_FIELD}" value="add-item.${i}.${key}" formaction="${ctx.action}#${idOf(base)}" class="secondary">Add ${words.item === "option" ? "an" : "a"} ${words.item}<span class="visually-hidden"> to question ${i + 1}</span></button>`
}
</fieldset>`;
}

const KINDS = [
  ["answered", "is answered"],
  ["not_answered", "is not answered"],
  ["equals", "equals the value"],
  ["any_of", "is one of the values"],
  ["range", "is a number in the range"],
] as const;

/** The simple conditions as fields; a combined one (all, any, not) is shown and kept, for the YAML view. */
function showIf(ctx: Ctx, q: Loose, i: number, earlier: unknown[]): Html | string {
  const base = `questions.${i}.show_if`;
  const condition = q.show_if;
  if (i === 0 && condition === undefined) return "";
  ctx.seen.add(base);
  const legend = html`<legend>Show this question</legend>`;
  if (condition !== undefined && !(isObject(condition) && typeof condition.question === "string")) {
    return html`<fieldset class="builder-group" id="${idOf(base)}"${ariaErrors(ctx, base)}>${legend}${errorsOf(ctx, base)}
<p>Under a combined condition, kept as it is: <code>${JSON.stringify(condition)}</code>. Combined conditions (<code>all</code>, <code>any</code>, <code>not</code>) are written in the YAML view.</p>
</fieldset>`;
  }
  const c: Loose = isObject(condition) ? condition : {};
  const target = typeof c.question === "string" ? c.question : "";
  const kind =
    c.answered === false
      ? "not_answered"
      : "equals" in c
        ? "equals"
        : "any_of" in c
          ? "any_of"
          : "at_least" in c || "at_most" in c
            ? "range"
            : "answered";
  const choices = earlier.filter(isObject).filter((e) => typeof e.id === "string" && e.id !== "");
  const targetQuestion = choices.find((e) => e.id === target);
  const value =
    kind === "equals"
      ? String(c.equals ?? "")
      : kind === "any_of" && Array.isArray(c.any_of)
        ? c.any_of.join(", ")
        : "";
  const ids =
    targetQuestion && Array.isArray(targetQuestion.options)
      ? targetQuestion.options.filter(isObject).map((o) => String(o.id))
      : [];
  if (targetQuestion?.other === true) ids.push("other");
  const select = (key: string, label: string, options: Html[]) => {
    ctx.seen.add(key);
    return html`<div class="field"><label for="${idOf(key)}">${label}</label>${errorsOf(ctx, key)}
<select id="${idOf(key)}" name="${key}"${ariaErrors(ctx, key)}>${options}</select></div>`;
  };
  const option = (v: string, label: string, selected: boolean) =>
    html`<option value="${v}"${selected ? " selected" : ""}>${label}</option>`;
  return html`<fieldset class="builder-group" id="${idOf(base)}"${ariaErrors(ctx, base)}>${legend}
${errorsOf(ctx, base)}
<p class="hint">Always, or only when an earlier answer says so (press Apply changes after picking a question to see its option ids). Combined conditions (all, any, not) are written in the YAML view.</p>
${select(`${base}.question`, "When the question", [
  option("", "(always show it)", target === ""),
  ...choices.map((e) =>
    option(String(e.id), `${String(e.id)}: ${textIn(e.title, ctx.langs[0] ?? "en")}`, e.id === target),
  ),
  ...(target !== "" && !targetQuestion ? [option(target, `${target} (not an earlier question)`, true)] : []),
])}
${select(
  `${base}.kind`,
  "Condition",
  KINDS.map(([v, label]) => option(v, label, v === kind)),
)}
${input(ctx, `${base}.value`, "Value, or values separated by commas", value, { hint: ids.length ? `Option ids of ${target}: ${ids.join(", ")}.` : "An option id, a number or a text; for “one of”, several separated by commas." })}
${input(ctx, `${base}.at_least`, "At least (for a range)", numberText(c.at_least), { short: true })}
${input(ctx, `${base}.at_most`, "At most (for a range)", numberText(c.at_most), { short: true })}
</fieldset>`;
}

function addQuestion(ctx: Ctx, count: number): Html {
  return html`<fieldset class="builder-section">
<legend>Add a question</legend>
<div class="field">
<label for="${idOf(NEW_TYPE_FIELD)}">Type</label>
<select id="${idOf(NEW_TYPE_FIELD)}" name="${NEW_TYPE_FIELD}">${Object.entries(QUESTION_TYPES).map(([type, label]) => html`<option value="${type}">${label}</option>`)}</select>
</div>
<button type="submit" name="${ACTION_FIELD}" value="add" formaction="${ctx.action}#${idOf(`questions.${count}`)}">Add the question</button>
</fieldset>`;
}

// Fields. Each registers its path, so a problem of that path is shown beside it.

function errorsOf(ctx: Ctx, key: string): Html | string {
  const errors = ctx.errors.get(key);
  return errors ? html`<p class="field-error" id="${idOf(key)}-error">${errors.join(" · ")}</p>` : "";
}

function ariaErrors(ctx: Ctx, key: string): Html | string {
  return ctx.errors.has(key) ? html` aria-describedby="${idOf(key)}-error"` : "";
}

interface InputOptions {
  hint?: string;
  readonly?: boolean;
  lang?: string;
  /** The posted name, when it is not the path (a one-language text is named by its language). */
  name?: string;
  multiline?: boolean;
  short?: boolean;
  /** One language of a text in several: the language's name beside its field, not above it. */
  inGroup?: boolean;
}

function input(ctx: Ctx, key: string, label: string, value: string, options: InputOptions = {}): Html {
  ctx.seen.add(key);
  const id = idOf(key);
  const invalid = ctx.errors.has(key);
  const describedBy = [options.hint ? `${id}-hint` : "", invalid ? `${id}-error` : ""]
    .filter((d) => d !== "")
    .join(" ");
  const attributes = html`id="${id}" name="${options.name ?? key}"${options.lang ? html` lang="${options.lang}"` : ""}${describedBy ? html` aria-describedby="${describedBy}"` : ""}${invalid ? html` aria-invalid="true"` : ""}${options.readonly ? html` readonly` : ""}`;
  return html`<div class="field${options.inGroup ? " lang-field" : ""}"><label for="${id}">${label}</label>
${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ""}${errorsOf(ctx, key)}
${options.multiline ? html`<textarea ${attributes} rows="3">\n${value}</textarea>` : html`<input type="text" ${attributes} value="${value}"${options.short ? html` class="short"` : ""}>`}
</div>`;
}

/** A text in the survey's languages: one field, or a group with a field per language. */
function localized(ctx: Ctx, key: string, label: string, value: unknown, options: { multiline?: boolean } = {}): Html {
  const [first] = ctx.langs;
  if (ctx.langs.length === 1 && first !== undefined)
    return input(ctx, key, label, textIn(value, first), { ...options, name: `${key}.${first}`, lang: first });
  ctx.seen.add(key);
  return html`<fieldset class="builder-group" id="${idOf(key)}"${ariaErrors(ctx, key)}>
<legend>${label}</legend>
${errorsOf(ctx, key)}
${ctx.langs.map((lang) => input(ctx, `${key}.${lang}`, languageLabel(lang), textIn(value, lang), { ...options, lang, inGroup: true }))}
</fieldset>`;
}

function checkbox(ctx: Ctx, key: string, label: string, checked: boolean): Html {
  ctx.seen.add(key);
  const id = idOf(key);
  return html`${errorsOf(ctx, key)}<div class="choice"><input type="checkbox" id="${id}" name="${key}" value="yes"${checked ? " checked" : ""}${ariaErrors(ctx, key)}><label for="${id}">${label}</label></div>`;
}

// Only a tag the schema takes is looked up: the names table is a plain object, and a draft's
// language may be any text ("constructor") until the check refuses it.
const languageLabel = (tag: string) => (LanguageTag.safeParse(tag).success ? languageName(tag) : tag);

const numberText = (value: unknown) => (typeof value === "number" || typeof value === "string" ? String(value) : "");
