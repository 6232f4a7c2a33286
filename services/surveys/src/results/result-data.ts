import type { LocalizedText } from "@agora/schemas";
import type { NumberAxis } from "./number-axis.ts";
import { primarySubtag } from "../page/choose-language.ts";

/** What the database counted for one survey, before it is shaped and suppressed question by question. */
export interface ResultData {
  /** Per question: each distinct stored value and how many answers hold it. */
  values: Map<string, { value: unknown; n: number }[]>;
  /** Per number question: its statistics and its counts in bins. */
  numbers: Map<string, NumberAxis>;
  /** Per text question: how many wrote something. */
  textCounts: Map<string, number>;
  /** Per question, the free texts; present only when the results are made for an admin. */
  texts?: Map<string, string[]>;
}

export interface ResultContext {
  k: number;
  /** Turns a survey text into the results' language. */
  text: (t: LocalizedText) => string;
  otherLabel: string;
}

/** Rounds for display; two decimals say all a mean of a group of k or more can honestly say. */
export const round2 = (n: number) => Math.round(n * 100) / 100;

const otherLabels: Record<string, string> = { en: "Other", de: "Andere", fr: "Autre", es: "Otro" };

/** The label of the "other" option, which a survey does not word itself. */
export const otherLabel = (lang: string) => otherLabels[lang] ?? otherLabels[primarySubtag(lang)] ?? "Other";
