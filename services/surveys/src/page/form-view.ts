import { defaultLanguage, localize, type LocalizedText, type SurveyDefinition } from "@agora/schemas";
import type { FormFields } from "../answers/index.ts";
import type { UiStrings } from "./ui-strings.ts";

/** What one rendering of the form needs: the survey, the language, and what the member sent. */
export interface FormView {
  definition: SurveyDefinition;
  lang: string;
  t: UiStrings;
  /** The member's answers as sent, so a re-rendered form keeps every one. Empty on first view. */
  values: FormFields;
  /** By form field name: the worded problem with that field. */
  errors: ReadonlyMap<string, string>;
  /** Why answers that may be right were not stored (too many sends): said above the form, in the error summary's place. */
  notice?: { title: string; message: string };
  /** The page shown, from 0, of a survey with sections; the first when absent. */
  page?: number;
  /** The seed of this visit's option orders, for questions with `shuffle` (see option-order.ts). */
  order?: string;
}

export function text(view: FormView, value: LocalizedText): string {
  return localize(value, view.lang, defaultLanguage(view.definition));
}

/** The id of a field's element, and the target of its error-summary link: `q.a.b` → `q-a-b`. */
export function fieldId(name: string): string {
  return name.replaceAll(".", "-");
}

/**
 * The id of one choice of a group. The first choice carries the field's own id, so the error
 * summary's link lands on the group; ids never contain `--` otherwise (question and option ids
 * are a-z, 0-9 and _), so these cannot clash.
 */
export function choiceId(name: string, value: string, first: boolean): string {
  return first ? fieldId(name) : `${fieldId(name)}--${value}`;
}

export const errorId = (name: string) => `error-${fieldId(name)}`;

export function sentValues(view: FormView, name: string): readonly string[] {
  return view.values.get(name) ?? [];
}

export function sentValue(view: FormView, name: string): string {
  return sentValues(view, name)[0] ?? "";
}

export function isChecked(view: FormView, name: string, value: string): boolean {
  return sentValues(view, name).includes(value);
}
