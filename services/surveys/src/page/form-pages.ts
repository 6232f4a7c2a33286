import type { AnswerValue, ShowIf, SurveyDefinition, SurveyQuestion, SurveySection } from "@agora/schemas";
import { isShown, readAnswers, type AnswerError, type FormFields } from "../answers/index.ts";
import { firstValue } from "./read-form.ts";

/** The hidden field with the page shown (1, 2, …), and the buttons' field saying where to go. */
export const PAGE_FIELD = "page";
export const NAV_FIELD = "nav";

export interface FormPage {
  /** From 0. */
  index: number;
  section?: SurveySection;
  questions: SurveyQuestion[];
}

/** The survey's pages: one per section, or the whole survey as one page when it has none. */
export function formPages(definition: SurveyDefinition): FormPage[] {
  const sections = definition.sections ?? [];
  if (sections.length === 0) return [{ index: 0, questions: definition.questions }];
  const starts = sections.map((s) => definition.questions.findIndex((q) => q.id === s.first_question));
  return sections.map((section, index) => ({
    index,
    section,
    questions: definition.questions.slice(starts[index], starts[index + 1] ?? definition.questions.length),
  }));
}

/** The page a form says it was sent from, or the first when it says nothing sensible. */
export function sentPage(pages: readonly FormPage[], form: FormFields): number {
  const n = Number(firstValue(form, PAGE_FIELD));
  return Number.isInteger(n) && n >= 1 && n <= pages.length ? n - 1 : 0;
}

function questionsNamed(condition: ShowIf): string[] {
  if ("all" in condition) return condition.all.flatMap(questionsNamed);
  if ("any" in condition) return condition.any.flatMap(questionsNamed);
  if ("not" in condition) return questionsNamed(condition.not);
  return [condition.question];
}

/**
 * Whether the server can tell, from the pages before, if each question of page `index` is shown:
 * `true` or `false` when its condition looks only at settled questions (of earlier pages, or of
 * this page and known to be hidden, so unanswered), `undefined` when it looks at a question the
 * member answers on this page (then the page shows it with its hint, and the script hides it as
 * the member answers). A question without a condition is shown.
 */
export function knownShown(
  pages: readonly FormPage[],
  index: number,
  answers: ReadonlyMap<string, AnswerValue>,
): Map<string, boolean | undefined> {
  const settled = new Set(pages.slice(0, index).flatMap((p) => p.questions.map((x) => x.id)));
  const known = new Map<string, boolean | undefined>();
  for (const q of pages[index]?.questions ?? []) {
    const shown = !q.show_if
      ? true
      : questionsNamed(q.show_if).every((id) => settled.has(id))
        ? isShown(q.show_if, answers)
        : undefined;
    known.set(q.id, shown);
    if (shown === false) settled.add(q.id);
  }
  return known;
}

/** A page all of whose questions are known to be hidden is passed over, going forward or back. */
function isSkipped(pages: readonly FormPage[], index: number, answers: ReadonlyMap<string, AnswerValue>): boolean {
  return [...knownShown(pages, index, answers).values()].every((shown) => shown === false);
}

/** The next page after `from` that is not passed over, or undefined when there is none. */
export function nextPage(
  pages: readonly FormPage[],
  from: number,
  answers: ReadonlyMap<string, AnswerValue>,
): number | undefined {
  for (let to = from + 1; to < pages.length; to++) if (!isSkipped(pages, to, answers)) return to;
  return undefined;
}

/** Language buttons of a paged form send `nav=lang:de`: the same page again, answers kept, in German. */
const LANGUAGE_NAV = "lang:";

export function languageNav(lang: string): string {
  return `${LANGUAGE_NAV}${lang}`;
}

/** The language a sent form asks for: a language button's, else the hidden field's. */
export function askedLanguage(form: FormFields): string | undefined {
  const nav = firstValue(form, NAV_FIELD);
  return nav?.startsWith(LANGUAGE_NAV) ? nav.slice(LANGUAGE_NAV.length) : firstValue(form, "lang");
}

export type PageMove =
  /** Show page `index` with these problems (of that page only). */
  | { show: number; errors: AnswerError[] }
  /** Check every answer and store them. */
  | { send: true };

/**
 * Where a sent form goes. Back never checks; Next checks the page being left and goes on to the
 * next page that is not passed over, or sends when there is none; a language button (or a `nav`
 * we do not know) shows the same page again. The last page's send button, a form without pages
 * and a client that names no button send, and the sending checks every answer again, whatever
 * earlier pages said. Nothing of this is kept between requests: the answers of the other pages
 * travel in the form as hidden fields.
 */
export function movePage(definition: SurveyDefinition, form: FormFields): PageMove {
  const pages = formPages(definition);
  const nav = firstValue(form, NAV_FIELD);
  if (pages.length === 1 || nav === undefined || nav === "send") return { send: true };
  const current = sentPage(pages, form);
  if (nav !== "next" && nav !== "back") return { show: current, errors: [] };
  const read = readAnswers(definition, form);
  if (nav === "back") {
    let to = current - 1;
    while (to > 0 && isSkipped(pages, to, read.answers)) to--;
    return { show: Math.max(to, 0), errors: [] };
  }
  const onPage = new Set(pages[current]?.questions.map((q) => q.id));
  const errors = read.errors.filter((e) => onPage.has(e.questionId));
  if (errors.length) return { show: current, errors };
  const to = nextPage(pages, current, read.answers);
  return to === undefined ? { send: true } : { show: to, errors: [] };
}

/**
 * The page to show a refused send on: the first page with a problem, with that page's problems
 * only (the member fixes them and goes on with Next, which checks the pages after); the page
 * sent from when only the invite code or token is wrong.
 */
export function pageOfErrors(
  definition: SurveyDefinition,
  form: FormFields,
  errors: readonly AnswerError[],
): { show: number; errors: AnswerError[] } {
  const pages = formPages(definition);
  const pageOf = (id: string) => pages.findIndex((p) => p.questions.some((q) => q.id === id));
  const first = errors.length ? Math.min(...errors.map((e) => pageOf(e.questionId))) : -1;
  if (first < 0) return { show: sentPage(pages, form), errors: [...errors] };
  return { show: first, errors: errors.filter((e) => pageOf(e.questionId) === first) };
}
