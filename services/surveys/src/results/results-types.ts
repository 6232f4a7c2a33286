import type { OverTime } from "./over-time.ts";
import type { ShownCount } from "./suppress-counts.ts";

export type { ShownCount };

/** One bar of a chart: an option, a scale value or a range of numbers. */
export interface CountedItem {
  id: string;
  label: string;
  count: ShownCount;
}

interface QuestionBase {
  id: string;
  title: string;
  /** Respondents who answered the question. */
  answered: ShownCount;
  /** Free texts (answers to text questions, "other" texts): only in results made for admins. */
  texts?: string[];
}

export type QuestionResults = QuestionBase &
  (
    | { type: "single_choice" | "multiple_choice"; options: CountedItem[] }
    | { type: "rating" | "number"; mean: number | null; median: number | null; distribution: CountedItem[] }
    | {
        type: "nps";
        mean: number | null;
        median: number | null;
        distribution: CountedItem[];
        promoters: ShownCount;
        passives: ShownCount;
        detractors: ShownCount;
        /** Promoters' share minus detractors' share, in percent points (−100 … 100). */
        score: number | null;
      }
    | { type: "likert"; columns: { id: string; label: string }[]; rows: (CountedItem & { counts: ShownCount[] })[] }
    | {
        type: "ranking";
        positions: number;
        options: (CountedItem & { byPosition: ShownCount[]; meanPosition: number | null })[];
      }
    | { type: "short_text" | "long_text" }
  );

export interface SurveyResults {
  slug: string;
  title: string;
  lang: string;
  /** The smallest group shown (the survey's min_group_size). */
  k: number;
  /** Answers to the survey; null when fewer than k, and then nothing else is shown. */
  responses: number | null;
  tooFew: boolean;
  questions: QuestionResults[];
  /** Answers per day or week; absent when they all fall in one period. */
  overTime?: OverTime;
}
