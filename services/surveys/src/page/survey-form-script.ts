import { newRoutes } from "@agora/http";

/**
 * The show-if rules of src/answers/show-if.ts, in plain browser JavaScript. Kept beside the page
 * as a string (not bundled: nothing is built, see ADR 1); test/page/show-if-script.test.ts runs it
 * against `isShown` on the same cases so the two cannot drift apart.
 */
export const showIfScript = String.raw`
function chosenValues(value) {
  if (Array.isArray(value)) return value;
  if (typeof value === "object") return Object.keys(value).map(function (k) { return value[k]; });
  return [String(value)];
}
function isShown(condition, answers) {
  if (!condition) return true;
  if ("all" in condition) return condition.all.every(function (c) { return isShown(c, answers); });
  if ("any" in condition) return condition.any.some(function (c) { return isShown(c, answers); });
  if ("not" in condition) return !isShown(condition.not, answers);
  var value = answers.get(condition.question);
  if ("answered" in condition) return (value !== undefined) === condition.answered;
  if (value === undefined) return false;
  if ("equals" in condition) return chosenValues(value).indexOf(String(condition.equals)) >= 0;
  if ("any_of" in condition) return chosenValues(value).some(function (v) { return condition.any_of.indexOf(v) >= 0; });
  if (typeof value !== "number") return false;
  return (condition.at_least === undefined || value >= condition.at_least) && (condition.at_most === undefined || value <= condition.at_most);
}
`;

/**
 * Reads the form as parseAnswers would (enough for conditions: which choice, which number,
 * whether answered) and hides the questions whose condition fails, in order, so a question
 * hidden in turn hides those that depend on it. On a page of a longer survey the answers of the
 * other pages are hidden fields, read as chosen.
 */
const formScript = String.raw`
function fieldsOf(form, id) {
  var prefix = "q." + id;
  return Array.prototype.filter.call(form.elements, function (e) { return e.name === prefix || e.name.indexOf(prefix + ".") === 0; });
}
function answerOf(form, q) {
  var fields = fieldsOf(form, q.id);
  var main = "q." + q.id;
  var filled = function (e) { return e.value.trim() !== ""; };
  var chosen = function (e) { return e.type === "hidden" || ((e.type === "radio" || e.type === "checkbox") && e.checked); };
  var picked = fields.filter(function (e) { return e.name === main && chosen(e); }).map(function (e) { return e.value; });
  var other = fields.some(function (e) { return e.name === main + ".other" && filled(e); });
  if (other && picked.indexOf("other") < 0) picked.push("other");
  switch (q.type) {
    case "single_choice": return picked[0];
    case "multiple_choice": return picked.length ? picked : undefined;
    case "rating": case "nps": return picked.length ? Number(picked[0]) : undefined;
    case "number": {
      var raw = fields.filter(filled).map(function (e) { return e.value.trim(); })[0];
      return raw !== undefined && /^-?\d+(?:[.,]\d+)?$/.test(raw) ? Number(raw.replace(",", ".")) : undefined;
    }
    case "short_text": case "long_text": return fields.some(filled) ? "text" : undefined;
    case "likert": {
      var rows = {};
      fields.forEach(function (e) { if (chosen(e)) rows[e.name.slice(main.length + 1)] = e.value; });
      return Object.keys(rows).length ? rows : undefined;
    }
    case "ranking": {
      var ranked = fields.filter(filled);
      if (!ranked.length || ranked.length !== fields.length) return undefined;
      return ranked.sort(function (a, b) { return Number(a.value) - Number(b.value); }).map(function (e) { return e.name.slice(main.length + 1); });
    }
  }
  return undefined;
}
function update(form, questions) {
  var answers = new Map();
  questions.forEach(function (q) {
    var shown = isShown(q.show_if, answers);
    var box = document.getElementById("question-" + q.id);
    if (box) box.hidden = !shown;
    if (!shown) return;
    var answer = answerOf(form, q);
    if (answer !== undefined) answers.set(q.id, answer);
  });
}
(function () {
  var form = document.querySelector("form[data-questions]");
  if (form) {
    var questions = JSON.parse(form.getAttribute("data-questions"));
    var refresh = function () { update(form, questions); };
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    refresh();
  }
  // After a refused send, take keyboard and screen-reader users straight to what went wrong.
  var summary = document.getElementById("error-summary-title");
  if (summary) summary.focus();
})();
`;

// One closure, so nothing leaks into the page's globals beside other scripts (survey-blind.js).
const source = `(function () {\n"use strict";\n${showIfScript}\n${formScript}\n})();\n`;

/** `GET /assets/survey-form.js`: same-origin, since the CSP allows no inline script. */
export function surveyFormScriptRoute<Deps>() {
  const routes = newRoutes<Deps>();
  routes.get("/assets/survey-form.js", (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(source);
  });
  return routes;
}
