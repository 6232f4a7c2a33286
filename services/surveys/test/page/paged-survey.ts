import type { SurveyDefinitionInput } from "@agora/schemas";

/** Four sections; page 2 shows only to users, page 3 only to those who do not use it. */
export const pagedSurvey: SurveyDefinitionInput = {
  slug: "paged",
  languages: ["en", "de"],
  title: { en: "Paged survey", de: "Umfrage in Seiten" },
  intro: { en: "Four short pages.", de: "Vier kurze Seiten." },
  sections: [
    { first_question: "uses", title: { en: "About you", de: "Über Sie" } },
    {
      first_question: "how_long",
      title: { en: "Your use", de: "Ihre Nutzung" },
      intro: { en: "Only for users.", de: "Nur für Nutzer." },
    },
    { first_question: "why_not", title: { en: "Not using", de: "Keine Nutzung" } },
    { first_question: "wish", title: { en: "Last", de: "Zuletzt" } },
  ],
  questions: [
    {
      id: "uses",
      type: "single_choice",
      required: true,
      title: { en: "Do you use it?", de: "Nutzen Sie es?" },
      options: [
        { id: "yes", label: { en: "Yes", de: "Ja" } },
        { id: "no", label: { en: "No", de: "Nein" } },
      ],
    },
    { id: "role", type: "short_text", title: { en: "Your role?", de: "Ihre Rolle?" } },
    {
      id: "how_long",
      type: "number",
      required: true,
      title: { en: "For how many years?", de: "Seit wie vielen Jahren?" },
      show_if: { question: "uses", equals: "yes" },
    },
    {
      id: "since",
      type: "short_text",
      title: { en: "Since which release?", de: "Seit welcher Version?" },
      show_if: { question: "how_long", at_least: 2 },
    },
    {
      id: "why_not",
      type: "long_text",
      title: { en: "Why not?", de: "Warum nicht?" },
      show_if: { question: "uses", equals: "no" },
    },
    {
      id: "wish",
      type: "single_choice",
      title: { en: "Your wish?", de: "Ihr Wunsch?" },
      options: [
        { id: "speed", label: { en: "Speed", de: "Tempo" } },
        { id: "docs", label: { en: "Docs", de: "Doku" } },
      ],
      other: true,
    },
  ],
};
