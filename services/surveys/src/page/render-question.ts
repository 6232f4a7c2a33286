import type { Html } from "@agora/http";
import type { SurveyQuestion } from "@agora/schemas";
import type { FormView } from "./form-view.ts";
import { questionBox, questionFrame } from "./question-frame.ts";
import { renderChoice, renderLikert, renderScale } from "./render-choices.ts";
import { renderNumber, renderRanking, renderText } from "./render-inputs.ts";

/** One question as form controls whose names are those parseAnswers reads; `known`: see questionFrame. */
export function renderQuestion(view: FormView, q: SurveyQuestion, number: number | undefined, known = false): Html {
  const f = questionFrame(q, number, known);
  return questionBox(f, controls());

  function controls(): Html {
    switch (q.type) {
      case "single_choice":
      case "multiple_choice":
        return renderChoice(view, f, q);
      case "rating":
      case "nps":
        return renderScale(view, f, q);
      case "likert":
        return renderLikert(view, f, q);
      case "number":
        return renderNumber(view, f, q);
      case "short_text":
      case "long_text":
        return renderText(view, f, q);
      case "ranking":
        return renderRanking(view, f, q);
    }
  }
}
