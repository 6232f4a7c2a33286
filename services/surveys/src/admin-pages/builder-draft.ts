import { stringify } from "yaml";
import { tooDeepAt } from "../admin/nesting-limits.ts";
import { readYamlBody } from "../admin/yaml-body.ts";
import type { FormFields } from "../answers/index.ts";

/**
 * A survey definition while the form builder holds it: plain data, not yet checked, so that a
 * half-made survey can travel from one form post to the next. Keys the builder has no field for
 * (a compound show-if, milestones, anything the schema gains later) are kept as they are.
 */
export type Draft = Record<string, unknown>;
export type Loose = Record<string, unknown>;

/** The hidden field that carries the draft, as JSON, from one builder page to the next. */
export const STATE_FIELD = "state";
/** The YAML view's text box, which the builder also reads when an admin switches to it. */
export const YAML_FIELD = "definition";

export const isObject = (value: unknown): value is Loose =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Where a builder starts a new survey: one language, no questions yet. */
export function emptyDraft(): Draft {
  return {
    slug: "",
    languages: ["en"],
    title: "",
    access: { mode: "open" },
    results: { public: false, min_group_size: 5 },
    questions: [],
  };
}

/** The languages the draft's texts are written in: its list when that is one, else English. */
export function draftLanguages(draft: Draft): string[] {
  const { languages } = draft;
  const tags = Array.isArray(languages) ? languages.filter((l): l is string => typeof l === "string" && l !== "") : [];
  return tags.length > 0 ? [...new Set(tags)] : ["en"];
}

/** The questions as a list, or nothing when the draft's `questions` is not one (left for the check to name). */
export function draftQuestions(draft: Draft): unknown[] | undefined {
  if (draft.questions === undefined) return [];
  return Array.isArray(draft.questions) ? draft.questions : undefined;
}

/** A text field's value in one language: a plain text serves every language. */
export function textIn(value: unknown, lang: string): string {
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (isObject(value)) {
    const text = value[lang];
    return typeof text === "string" ? text : "";
  }
  return "";
}

/** The draft as the YAML view shows it. */
export const draftYaml = (draft: Draft) => stringify(draft, { lineWidth: 0 });

export type DraftRead = { ok: true; draft: Draft } | { ok: false; problem: string; from: "state" | "yaml" };

/**
 * The draft a builder form carries back: the hidden JSON of a builder page, or the text of the
 * YAML view when an admin switches from it. Neither is checked as a survey here (a draft may be
 * half made); only its shape is, so the builder never walks something it cannot show.
 */
export function readDraft(form: FormFields): DraftRead {
  const state = form.get(STATE_FIELD)?.[0];
  if (state !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(state);
    } catch {
      return { ok: false, problem: `${STATE_FIELD}: is not the JSON of a survey definition`, from: "state" };
    }
    return shaped(value, "state");
  }
  const text = form.get(YAML_FIELD)?.[0];
  if (text === undefined)
    return {
      ok: false,
      problem: `${STATE_FIELD}: is missing (the builder's form carries the survey in it)`,
      from: "state",
    };
  if (text.trim() === "") return { ok: true, draft: emptyDraft() };
  const read = readYamlBody(text);
  if (!read.ok)
    return {
      ok: false,
      problem: "The YAML cannot be read, so the form builder cannot show it: correct it here first",
      from: "yaml",
    };
  return shaped(read.value, "yaml");
}

function shaped(value: unknown, from: "state" | "yaml"): DraftRead {
  const where = from === "state" ? `${STATE_FIELD}: ` : "";
  if (!isObject(value))
    return { ok: false, problem: `${where}must be a survey definition (a mapping of slug, title, questions, …)`, from };
  // The same limit as the check's: the page renders and copies the draft, recursively.
  if (tooDeepAt(value)) return { ok: false, problem: `${where}nested deeper than any survey definition is`, from };
  return { ok: true, draft: value };
}
