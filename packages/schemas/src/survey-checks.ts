import type { z } from "zod";
import type { SurveyFields } from "./survey.ts";
import { OTHER_OPTION, optionLists, type LocalizedText, type ShowIf, type SurveyQuestion } from "./survey-question.ts";

// Rules that span fields: unique ids, conditions that look back, texts in every language.

export function checkSurvey(s: SurveyFields, ctx: z.core.$RefinementCtx): void {
  if (new Set(s.languages).size !== s.languages.length) {
    ctx.addIssue({ code: "custom", path: ["languages"], message: "names a language twice" });
  }
  if (s.opens_at && s.closes_at && Date.parse(s.closes_at) <= Date.parse(s.opens_at)) {
    ctx.addIssue({ code: "custom", path: ["closes_at"], message: "must be after opens_at" });
  }
  checkTexts(s, ctx);
  checkSections(s, ctx);
  const earlier = new Map<string, SurveyQuestion>();
  s.questions.forEach((q, i) => {
    if (earlier.has(q.id))
      ctx.addIssue({
        code: "custom",
        path: ["questions", i, "id"],
        message: `"${q.id}" is used by an earlier question`,
      });
    checkQuestion(q, i, ctx);
    if (q.show_if) checkCondition(q.show_if, earlier, ["questions", i, "show_if"], ctx);
    earlier.set(q.id, q);
  });
}

function checkQuestion(q: SurveyQuestion, i: number, ctx: z.core.$RefinementCtx): void {
  const at = (...path: (string | number)[]) => ["questions", i, ...path];
  for (const [key, list] of optionLists(q)) {
    const seen = new Set<string>();
    list.forEach((o, j) => {
      if (seen.has(o.id)) ctx.addIssue({ code: "custom", path: at(key, j, "id"), message: `"${o.id}" is used twice` });
      seen.add(o.id);
    });
  }
  if (
    (q.type === "single_choice" || q.type === "multiple_choice") &&
    q.other &&
    q.options.some((o) => o.id === OTHER_OPTION)
  ) {
    ctx.addIssue({
      code: "custom",
      path: at("options"),
      message: `"${OTHER_OPTION}" is kept for the free-text option when other is true`,
    });
  }
  if (q.type === "multiple_choice" && q.min !== undefined && q.max !== undefined && q.min > q.max) {
    ctx.addIssue({ code: "custom", path: at("min"), message: "must not be more than max" });
  }
  if (q.type === "rating" && q.min >= q.max)
    ctx.addIssue({ code: "custom", path: at("max"), message: "must be more than min" });
  if (q.type === "number" && q.min !== undefined && q.max !== undefined && q.min > q.max) {
    ctx.addIssue({ code: "custom", path: at("min"), message: "must not be more than max" });
  }
}

/** A condition may only look back: a member answers in order, and a loop could never be shown. */
function checkCondition(
  condition: ShowIf,
  earlier: Map<string, SurveyQuestion>,
  path: (string | number)[],
  ctx: z.core.$RefinementCtx,
): void {
  if ("all" in condition) return condition.all.forEach((c, j) => checkCondition(c, earlier, [...path, "all", j], ctx));
  if ("any" in condition) return condition.any.forEach((c, j) => checkCondition(c, earlier, [...path, "any", j], ctx));
  if ("not" in condition) return checkCondition(condition.not, earlier, [...path, "not"], ctx);
  const target = earlier.get(condition.question);
  if (!target) {
    ctx.addIssue({
      code: "custom",
      path: [...path, "question"],
      message: `"${condition.question}" is not an earlier question`,
    });
    return;
  }
  const ids = choiceIds(target);
  const values = "any_of" in condition ? condition.any_of : "equals" in condition ? [condition.equals] : [];
  for (const value of values) {
    if (ids && !ids.has(String(value))) {
      ctx.addIssue({ code: "custom", path: [...path], message: `"${value}" is not an option of "${target.id}"` });
    }
  }
}

function choiceIds(q: SurveyQuestion): Set<string> | undefined {
  if (q.type !== "single_choice" && q.type !== "multiple_choice" && q.type !== "ranking") return undefined;
  const ids = new Set(q.options.map((o) => o.id));
  if (q.type !== "ranking" && q.other) ids.add(OTHER_OPTION);
  return ids;
}

/** Sections split the questions in order: the first starts at the first question, each later one further on. */
function checkSections(s: SurveyFields, ctx: z.core.$RefinementCtx): void {
  if (!s.sections) return;
  const position = new Map(s.questions.map((q, i) => [q.id, i]));
  let previous = -1;
  s.sections.forEach((section, i) => {
    const path = ["sections", i, "first_question"];
    const at = position.get(section.first_question);
    if (at === undefined) {
      ctx.addIssue({ code: "custom", path, message: `"${section.first_question}" is not a question of this survey` });
      return;
    }
    if (i === 0 && at !== 0) {
      ctx.addIssue({
        code: "custom",
        path,
        message: `must be the survey's first question ("${s.questions[0]?.id}"), so every question is in a section`,
      });
    } else if (i > 0 && at <= previous) {
      ctx.addIssue({ code: "custom", path, message: "must come after the previous section's first question" });
    }
    previous = Math.max(previous, at);
  });
}

/** Every per-language text must cover every language the survey offers, and no other. */
function checkTexts(s: SurveyFields, ctx: z.core.$RefinementCtx): void {
  const check = (text: LocalizedText | undefined, path: (string | number)[]) => {
    if (text === undefined || typeof text === "string") return;
    const missing = s.languages.filter((l) => !(l in text));
    if (missing.length) ctx.addIssue({ code: "custom", path, message: `has no text for ${missing.join(", ")}` });
    const extra = Object.keys(text).filter((l) => !s.languages.includes(l));
    if (extra.length)
      ctx.addIssue({
        code: "custom",
        path,
        message: `has text for ${extra.join(", ")}, which the survey's languages do not list`,
      });
  };
  check(s.title, ["title"]);
  check(s.intro, ["intro"]);
  check(s.thanks, ["thanks"]);
  s.sections?.forEach((section, i) => {
    check(section.title, ["sections", i, "title"]);
    check(section.intro, ["sections", i, "intro"]);
  });
  s.questions.forEach((q, i) => {
    check(q.title, ["questions", i, "title"]);
    check(q.help, ["questions", i, "help"]);
    if (q.type === "rating" && q.labels) {
      check(q.labels.min, ["questions", i, "labels", "min"]);
      check(q.labels.max, ["questions", i, "labels", "max"]);
    }
    if (q.type === "number") check(q.unit, ["questions", i, "unit"]);
    for (const [key, list] of optionLists(q)) list.forEach((o, j) => check(o.label, ["questions", i, key, j, "label"]));
  });
}
