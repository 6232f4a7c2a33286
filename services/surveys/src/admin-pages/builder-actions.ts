import { isObject, type Draft, type Loose } from "./builder-draft.ts";
import { isQuestionType, LIST_WORDS, listKeys, type ListKey, type QuestionType } from "./builder-question-types.ts";

/** The form field naming what the pressed button does; the first button of the form, for Enter, is "apply". */
export const ACTION_FIELD = "action";
/** The menu beside "Add a question". */
export const NEW_TYPE_FIELD = "new_type";

/**
 * What a builder button asks for. Everything but `save` only changes the draft the next page
 * shows; nothing is stored before `save`.
 */
export type BuilderAction =
  | { kind: "apply" | "yaml" | "save" }
  | { kind: "add"; type: QuestionType }
  | { kind: "move"; index: number; by: -1 | 1 }
  | { kind: "remove"; index: number }
  | { kind: "add-item"; index: number; list: ListKey }
  | { kind: "remove-item"; index: number; list: ListKey; item: number };

const isListKey = (value: string | undefined): value is ListKey =>
  value === "options" || value === "rows" || value === "scale";
const index = (value: string | undefined) =>
  value !== undefined && /^\d{1,4}$/.test(value) ? Number(value) : undefined;

/**
 * The button's value (`up.2`, `add-item.2.options`, `remove-item.2.options.1`, …) as an action,
 * or a problem naming the field.
 */
export function parseAction(
  value: string | undefined,
  newType: string | undefined,
): BuilderAction | { problem: string } {
  const [verb, a, b, c] = (value ?? "apply").split(".");
  const i = index(a);
  if ((verb === "apply" || verb === "yaml" || verb === "save") && a === undefined) return { kind: verb };
  if (verb === "add" && a === undefined) {
    return isQuestionType(newType)
      ? { kind: "add", type: newType }
      : { problem: `${NEW_TYPE_FIELD}: "${newType ?? ""}" is not a question type` };
  }
  if ((verb === "up" || verb === "down") && i !== undefined && b === undefined)
    return { kind: "move", index: i, by: verb === "up" ? -1 : 1 };
  if (verb === "remove" && i !== undefined && b === undefined) return { kind: "remove", index: i };
  if (verb === "add-item" && i !== undefined && isListKey(b) && c === undefined)
    return { kind: "add-item", index: i, list: b };
  const item = index(c);
  if (verb === "remove-item" && i !== undefined && isListKey(b) && item !== undefined)
    return { kind: "remove-item", index: i, list: b, item };
  return { problem: `${ACTION_FIELD}: "${value ?? ""}" is not something the builder does` };
}

/** Changes the draft as the action says. An index that names nothing (a stale page) changes nothing. */
export function applyAction(draft: Draft, action: BuilderAction): void {
  if (draft.questions === undefined) draft.questions = [];
  const questions = draft.questions;
  if (!Array.isArray(questions)) return;
  switch (action.kind) {
    case "add":
      questions.push(newQuestion(action.type, unusedId(questions, "q", questions.length + 1)));
      return;
    case "move": {
      const to = action.index + action.by;
      if (action.index < questions.length && to >= 0 && to < questions.length) {
        [questions[action.index], questions[to]] = [questions[to], questions[action.index]];
      }
      return;
    }
    case "remove":
      if (action.index < questions.length) questions.splice(action.index, 1);
      return;
    case "add-item":
    case "remove-item": {
      const q: unknown = questions[action.index];
      if (!isObject(q) || !listKeys(q.type).includes(action.list)) return;
      const list = Array.isArray(q[action.list]) ? (q[action.list] as unknown[]) : [];
      if (action.kind === "add-item") list.push(newItem(action.list, list));
      else if (action.item < list.length) list.splice(action.item, 1);
      q[action.list] = list;
      return;
    }
    default:
      return;
  }
}

/** A question that passes as soon as it has a title: the title is left for the admin to write. */
function newQuestion(type: QuestionType, id: string): Loose {
  const base = { id, type, title: "" };
  const items = (list: ListKey, n: number) => Array.from({ length: n }, (_, i) => item(list, i + 1));
  switch (type) {
    case "single_choice":
    case "multiple_choice":
    case "ranking":
      return { ...base, options: items("options", 2) };
    case "likert":
      return {
        ...base,
        rows: items("rows", 2),
        scale: [
          { id: "disagree", label: "Disagree" },
          { id: "neutral", label: "Neither" },
          { id: "agree", label: "Agree" },
        ],
      };
    case "rating":
      return { ...base, min: 1, max: 5 };
    default:
      return base;
  }
}

const item = (list: ListKey, n: number) => ({
  id: `${LIST_WORDS[list].id}_${n}`,
  label: `${LIST_WORDS[list].item.charAt(0).toUpperCase()}${LIST_WORDS[list].item.slice(1)} ${n}`,
});

function newItem(list: ListKey, items: unknown[]): Loose {
  const id = unusedId(items, `${LIST_WORDS[list].id}_`, items.length + 1);
  return { ...item(list, items.length + 1), id };
}

/** `prefix` and the first number from `n` up that no item of `items` has as its id. */
function unusedId(items: unknown[], prefix: string, n: number): string {
  const taken = new Set(items.map((i) => (isObject(i) ? i.id : undefined)));
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}
