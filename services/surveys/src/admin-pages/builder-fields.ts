import type { FormFields } from "../answers/index.ts";
import { draftLanguages, draftQuestions, isObject, type Draft, type Loose } from "./builder-draft.ts";
import { isQuestionType, listKeys, NUMERIC_TYPES, TYPE_FIELDS } from "./builder-question-types.ts";

// The builder's fields are named by their path in the definition (`questions.2.options.0.label.de`).
// A field that was not on the page is not in the form, and then its value is left as it was: that
// is how keys the builder has no field for survive. Checkboxes, which a form omits when unticked,
// are read only where a field that is always sent (the question's id) shows the page had them.

type Get = (name: string) => string | undefined;

/** Writes the builder page's fields into the draft it was rendered from. */
export function applyFields(draft: Draft, form: FormFields): void {
  const get: Get = (name) => form.get(name)?.[0];
  // The texts were rendered in the draft's languages before this post changed them.
  const langs = draftLanguages(draft);
  setString(draft, "slug", get("slug"));
  setText(draft, ["title"], "title", langs, get, "keep-empty");
  setText(draft, ["intro"], "intro", langs, get, "delete-empty");
  setText(draft, ["thanks"], "thanks", langs, get, "delete-empty");
  setString(draft, "opens_at", get("opens_at"), "delete-empty");
  setString(draft, "closes_at", get("closes_at"), "delete-empty");
  const mode = get("access.mode");
  if (mode !== undefined) draft.access = { ...(isObject(draft.access) ? draft.access : {}), mode };
  if (get("results.min_group_size") !== undefined) {
    const results = isObject(draft.results) ? draft.results : {};
    setFlag(results, "public", get("results.public") !== undefined);
    setNumber(results, "min_group_size", get("results.min_group_size"));
    draft.results = results;
  }
  const questions = draftQuestions(draft) ?? [];
  questions.forEach((q, i) => {
    if (isObject(q)) applyQuestion(q, `questions.${i}`, langs, get, questions.slice(0, i));
  });
  const languages = get("languages");
  if (languages !== undefined) {
    const tags = languages.split(/[\s,]+/).filter((l) => l !== "");
    draft.languages = tags;
    dropLanguages(draft, questions, new Set(tags));
  }
}

/**
 * Texts lose the languages taken off the list, which the page no longer shows and the check
 * would refuse; a text left in one language becomes a plain text, as the page would write it.
 */
function dropLanguages(draft: Draft, questions: unknown[], kept: Set<string>): void {
  if (kept.size === 0) return;
  const prune = (owner: unknown, key: string) => {
    if (!isObject(owner)) return;
    const text = owner[key];
    if (!isObject(text) || Object.keys(text).every((lang) => kept.has(lang))) return;
    const left = Object.entries(text).filter(([lang]) => kept.has(lang));
    const [only] = left;
    owner[key] = only && left.length === 1 && kept.size === 1 ? only[1] : Object.fromEntries(left);
  };
  for (const key of ["title", "intro", "thanks"]) prune(draft, key);
  for (const q of questions) {
    if (!isObject(q)) continue;
    for (const key of ["title", "help", "unit"]) prune(q, key);
    for (const end of ["min", "max"]) prune(q.labels, end);
    for (const key of listKeys(q.type)) if (Array.isArray(q[key])) for (const item of q[key]) prune(item, "label");
  }
}

function applyQuestion(q: Loose, base: string, langs: string[], get: Get, earlier: unknown[]): void {
  const id = get(`${base}.id`);
  if (id === undefined) return;
  q.id = id.trim();
  setText(q, ["title"], `${base}.title`, langs, get, "keep-empty");
  setText(q, ["help"], `${base}.help`, langs, get, "delete-empty");
  setFlag(q, "required", get(`${base}.required`) !== undefined);
  const fields = isQuestionType(q.type) ? TYPE_FIELDS[q.type] : {};
  for (const { key } of fields.numbers ?? []) setNumber(q, key, get(`${base}.${key}`));
  for (const { key } of fields.flags ?? []) setFlag(q, key, get(`${base}.${key}`) !== undefined);
  for (const { path } of fields.texts ?? []) setText(q, path, `${base}.${path.join(".")}`, langs, get, "delete-empty");
  // Both end words or neither: one left empty is an error to show, not a pair to drop.
  if (isObject(q.labels)) {
    if (q.labels.min === undefined && q.labels.max === undefined) delete q.labels;
    else for (const end of ["min", "max"]) q.labels[end] ??= "";
  }
  for (const key of listKeys(q.type)) {
    const list = q[key];
    if (!Array.isArray(list)) continue;
    list.forEach((item: unknown, j) => {
      const itemBase = `${base}.${key}.${j}`;
      const itemId = get(`${itemBase}.id`);
      if (!isObject(item) || itemId === undefined) return;
      item.id = itemId.trim();
      setText(item, ["label"], `${itemBase}.label`, langs, get, "keep-empty");
    });
  }
  applyShowIf(q, base, get, earlier);
}

/** The simple conditions: an earlier question answered or not, equal to a value, one of several, in a range. */
function applyShowIf(q: Loose, base: string, get: Get, earlier: unknown[]): void {
  const question = get(`${base}.show_if.question`);
  // Not on the page: no condition possible here, or a combined one that the YAML view edits.
  if (question === undefined) return;
  if (question === "") {
    delete q.show_if;
    return;
  }
  const value = get(`${base}.show_if.value`)?.trim() ?? "";
  const target = earlier.find((e) => isObject(e) && e.id === question);
  const numeric = isObject(target) && NUMERIC_TYPES.has(target.type);
  switch (get(`${base}.show_if.kind`)) {
    case "not_answered":
      q.show_if = { question, answered: false };
      break;
    case "equals":
      q.show_if = {
        question,
        equals: numeric && value !== "" && Number.isFinite(Number(value)) ? Number(value) : value,
      };
      break;
    case "any_of":
      q.show_if = {
        question,
        any_of: value
          .split(",")
          .map((v) => v.trim())
          .filter((v) => v !== ""),
      };
      break;
    case "range": {
      const range: Loose = { question };
      setNumber(range, "at_least", get(`${base}.show_if.at_least`));
      setNumber(range, "at_most", get(`${base}.show_if.at_most`));
      q.show_if = range;
      break;
    }
    default:
      q.show_if = { question, answered: true };
  }
}

function setString(
  target: Loose,
  key: string,
  value: string | undefined,
  empty: "keep-empty" | "delete-empty" = "keep-empty",
): void {
  if (value === undefined) return;
  const trimmed = value.trim();
  if (trimmed === "" && empty === "delete-empty") delete target[key];
  else target[key] = trimmed;
}

/** A number as a number; text that is not one is kept, for the check to name its field. */
function setNumber(target: Loose, key: string, value: string | undefined): void {
  if (value === undefined) return;
  const trimmed = value.trim();
  if (trimmed === "") delete target[key];
  else target[key] = Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

/** A ticked box is `true`; an unticked one is the schema's default, so the key goes. */
function setFlag(target: Loose, key: string, checked: boolean): void {
  if (checked) target[key] = true;
  else delete target[key];
}

/**
 * A text in the survey's languages, one field each. The same text in every language is stored as
 * one plain text (which is what a plain text means: it serves every language); different ones as
 * one text per language, leaving out the empty ones so the check names the language missing.
 */
function setText(
  target: Loose,
  path: [string] | [string, string],
  name: string,
  langs: string[],
  get: Get,
  empty: "keep-empty" | "delete-empty",
): void {
  const posted = langs.map((lang) => get(`${name}.${lang}`));
  if (posted.every((v) => v === undefined)) return;
  const values = posted.map((v) => v?.trim() ?? "");
  const [owner, key] = path.length === 2 ? [child(target, path[0]), path[1]] : [target, path[0]];
  const filled = values.filter((v) => v !== "");
  if (filled.length === 0) {
    if (empty === "delete-empty") delete owner[key];
    else owner[key] = "";
  } else if (filled.length === values.length && values.every((v) => v === values[0])) {
    owner[key] = values[0];
  } else {
    owner[key] = Object.fromEntries(langs.map((lang, i) => [lang, values[i]]).filter(([, v]) => v !== ""));
  }
}

function child(target: Loose, key: string): Loose {
  const inner = target[key];
  if (isObject(inner)) return inner;
  const made: Loose = {};
  target[key] = made;
  return made;
}
