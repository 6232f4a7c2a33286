import type { AnswerErrorCode } from "../answers/index.ts";
import { primarySubtag } from "./choose-language.ts";

/** Why the page refuses a token; worded beside the token field like an answer error. */
export type TokenErrorCode = "token_missing" | "token_repeated" | "invite_spent" | "blind_invalid" | "blind_spent";

/** Every text of the page that is not the survey's own, in one language. */
export interface UiStrings {
  languageName: string;
  languageNav: string;
  required: string;
  requiredIfShown: string;
  questionNumber: (n: number) => string;
  submit: string;
  next: string;
  back: string;
  pageOf: (n: number, total: number) => string;
  errorSummaryTitle: string;
  answerErrors: Record<AnswerErrorCode, (limit?: number) => string>;
  tokenErrors: Record<TokenErrorCode, string>;
  otherOption: string;
  otherText: string;
  npsLow: string;
  npsHigh: string;
  notRanked: string;
  rankingHint: (n: number) => string;
  chooseBetween: (min?: number, max?: number) => string;
  /** `ref` is how a condition names the question it looks at: `question(8)`, or `titled(…)` for one without a number. */
  showIf: {
    question: (n: number) => string;
    titled: (title: string) => string;
    chose: (labels: string[], ref: string) => string;
    answered: (ref: string) => string;
    notAnswered: (ref: string) => string;
    between: (ref: string, min?: number, max?: number) => string;
    not: (inner: string) => string;
    and: string;
    or: string;
    prefix: (text: string) => string;
  };
  inviteLabel: string;
  inviteHelp: string;
  blindTitle: string;
  blindHelp: string;
  blindLabel: string;
  /** The thanks page's document title, before the survey's title: the state, not a second thanks. */
  answerStoredTitle: string;
  /** The thanks, when the survey has no text of its own. */
  thanksDefault: string;
  seeResults: string;
  notFoundTitle: string;
  notFound: string;
  notOpenTitle: string;
  draft: string;
  notYet: (when?: string) => string;
  closedTitle: string;
  closed: (when?: string) => string;
  crossSiteTitle: string;
  crossSite: string;
  unsupportedTitle: string;
  unsupported: string;
  tooLargeTitle: string;
  tooLarge: string;
  rateLimitedTitle: string;
  /** Above the kept answers: when to send them again, in minutes and as a time of day (UTC). */
  rateLimited: (minutes: number, time: string) => string;
  backToSurvey: string;
}

const en: UiStrings = {
  languageName: "English",
  languageNav: "Language",
  required: "(required)",
  requiredIfShown: "(required if it applies to you)",
  questionNumber: (n) => `Question ${n}`,
  submit: "Send my answers",
  next: "Next",
  back: "Back",
  pageOf: (n, total) => `Page ${n} of ${total}`,
  errorSummaryTitle: "There is a problem with your answers",
  answerErrors: {
    required: () => "Answer this question.",
    not_an_option: () => "Choose one of the options shown.",
    too_few: (n) => `Choose at least ${n}.`,
    too_many: (n) => (n === 1 ? "Choose only one." : `Choose at most ${n}.`),
    not_a_number: () => "Enter a number, like 12 or 2.5.",
    not_whole: () => "Enter a whole number.",
    below_min: (n) => `Enter ${n} or more.`,
    above_max: (n) => `Enter ${n} or less.`,
    too_long: (n) => `Use at most ${n} characters.`,
    other_text_missing: () => "You chose “Other”: say what it is.",
    ranking_incomplete: () => "Give every option a position, or none.",
    ranking_repeated: () => "Give each option a different position.",
    repeated: () => "This answer was sent more than once: send it once.",
    bad_character: () => "Remove the control character (NUL) or broken character from this text.",
  },
  tokenErrors: {
    token_missing: "Enter your code.",
    token_repeated: "Your code was sent more than once: send it once.",
    invite_spent: "This invitation code is unknown or has been used already.",
    blind_invalid: "This token is not valid for this survey.",
    blind_spent: "This token has been used already.",
  },
  otherOption: "Other",
  otherText: "Other, in your words",
  npsLow: "not at all likely",
  npsHigh: "extremely likely",
  notRanked: "Not ranked",
  rankingHint: (n) => `Give each option a position from 1 (first) to ${n}, each position once.`,
  chooseBetween: (min, max) =>
    min && max ? `Choose ${min} to ${max}.` : min ? `Choose at least ${min}.` : `Choose at most ${max}.`,
  showIf: {
    question: (n) => `question ${n}`,
    titled: (title) => `“${title}”`,
    chose: (labels, ref) => `you chose ${labels.map((l) => `“${l}”`).join(" or ")} in ${ref}`,
    answered: (ref) => `you answered ${ref}`,
    notAnswered: (ref) => `you did not answer ${ref}`,
    between: (ref, min, max) =>
      `your answer to ${ref} is ${min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `${min} or more` : `${max} or less`}`,
    not: (inner) => `not (${inner})`,
    and: " and ",
    or: " or ",
    prefix: (text) => `Answer only if ${text}.`,
  },
  inviteLabel: "Invitation code",
  inviteHelp: "The code from your invitation. It is used once and never stored with your answers.",
  blindTitle: "Your anonymous token",
  blindHelp:
    "This survey takes answers with an anonymous token: you prove you are a member once and receive a token signed without the server seeing it, so your answers cannot be linked to you. With JavaScript on, this page gets the token for you; otherwise paste a token made with the command-line client.",
  blindLabel: "Anonymous token",
  answerStoredTitle: "Answer stored",
  thanksDefault: "Thank you: your answer is stored.",
  seeResults: "See the results so far",
  notFoundTitle: "Survey not found",
  notFound: "There is no survey at this address. Check the link you were given.",
  notOpenTitle: "This survey is not open",
  draft: "This survey is not open yet.",
  notYet: (when) => (when ? `This survey opens on ${when}.` : "This survey is not open yet."),
  closedTitle: "This survey is closed",
  closed: (when) =>
    when
      ? `This survey closed on ${when}. Thank you for your interest.`
      : "This survey is closed. Thank you for your interest.",
  crossSiteTitle: "Answers refused",
  crossSite:
    "Your answers were sent from another website, so they were not stored. Open the survey on this site and answer there.",
  unsupportedTitle: "Form not understood",
  unsupported: "The answers must be sent by the survey's own form (application/x-www-form-urlencoded).",
  tooLargeTitle: "Answers too long",
  tooLarge: "The answers sent were too long to store. Shorten your texts and send them again.",
  rateLimitedTitle: "Too many answers",
  rateLimited: (minutes, time) =>
    `Many answers came from your network in the last minutes, so yours were not stored yet. They are kept below: send them again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}, after ${time}.`,
  backToSurvey: "Back to the survey",
};

const de: UiStrings = {
  languageName: "Deutsch",
  languageNav: "Sprache",
  required: "(Pflichtfrage)",
  requiredIfShown: "(Pflichtfrage, wenn sie auf Sie zutrifft)",
  questionNumber: (n) => `Frage ${n}`,
  submit: "Antworten absenden",
  next: "Weiter",
  back: "Zurück",
  pageOf: (n, total) => `Seite ${n} von ${total}`,
  errorSummaryTitle: "Mit Ihren Antworten stimmt etwas nicht",
  answerErrors: {
    required: () => "Beantworten Sie diese Frage.",
    not_an_option: () => "Wählen Sie eine der gezeigten Möglichkeiten.",
    too_few: (n) => `Wählen Sie mindestens ${n}.`,
    too_many: (n) => (n === 1 ? "Wählen Sie nur eine Möglichkeit." : `Wählen Sie höchstens ${n}.`),
    not_a_number: () => "Geben Sie eine Zahl ein, etwa 12 oder 2,5.",
    not_whole: () => "Geben Sie eine ganze Zahl ein.",
    below_min: (n) => `Geben Sie ${n} oder mehr ein.`,
    above_max: (n) => `Geben Sie ${n} oder weniger ein.`,
    too_long: (n) => `Verwenden Sie höchstens ${n} Zeichen.`,
    other_text_missing: () => "Sie haben „Sonstiges“ gewählt: Sagen Sie, was es ist.",
    ranking_incomplete: () => "Geben Sie jeder Möglichkeit einen Platz, oder keiner.",
    ranking_repeated: () => "Geben Sie jeder Möglichkeit einen anderen Platz.",
    repeated: () => "Diese Antwort wurde mehrmals gesendet: Senden Sie sie einmal.",
    bad_character: () => "Entfernen Sie das Steuerzeichen (NUL) oder das defekte Zeichen aus diesem Text.",
  },
  tokenErrors: {
    token_missing: "Geben Sie Ihren Code ein.",
    token_repeated: "Ihr Code wurde mehrmals gesendet: Senden Sie ihn einmal.",
    invite_spent: "Dieser Einladungscode ist unbekannt oder wurde schon verwendet.",
    blind_invalid: "Dieses Token gilt nicht für diese Umfrage.",
    blind_spent: "Dieses Token wurde schon verwendet.",
  },
  otherOption: "Sonstiges",
  otherText: "Sonstiges, in Ihren Worten",
  npsLow: "überhaupt nicht wahrscheinlich",
  npsHigh: "äußerst wahrscheinlich",
  notRanked: "Kein Platz",
  rankingHint: (n) => `Geben Sie jeder Möglichkeit einen Platz von 1 (zuerst) bis ${n}, jeden Platz einmal.`,
  chooseBetween: (min, max) =>
    min && max
      ? `Wählen Sie ${min} bis ${max}.`
      : min
        ? `Wählen Sie mindestens ${min}.`
        : `Wählen Sie höchstens ${max}.`,
  showIf: {
    question: (n) => `Frage ${n}`,
    titled: (title) => `„${title}“`,
    chose: (labels, ref) => `Sie in ${ref} ${labels.map((l) => `„${l}“`).join(" oder ")} gewählt haben`,
    answered: (ref) => `Sie ${ref} beantwortet haben`,
    notAnswered: (ref) => `Sie ${ref} nicht beantwortet haben`,
    between: (ref, min, max) =>
      `Ihre Antwort auf ${ref} ${min !== undefined && max !== undefined ? `zwischen ${min} und ${max}` : min !== undefined ? `mindestens ${min}` : `höchstens ${max}`} ist`,
    not: (inner) => `nicht gilt: ${inner}`,
    and: " und ",
    or: " oder ",
    prefix: (text) => `Nur beantworten, wenn ${text}.`,
  },
  inviteLabel: "Einladungscode",
  inviteHelp: "Der Code aus Ihrer Einladung. Er gilt einmal und wird nie mit Ihren Antworten gespeichert.",
  blindTitle: "Ihr anonymes Token",
  blindHelp:
    "Diese Umfrage nimmt Antworten mit einem anonymen Token an: Sie weisen einmal nach, dass Sie Mitglied sind, und erhalten ein Token, das der Server unterschreibt, ohne es zu sehen. So lassen sich Ihre Antworten nicht mit Ihnen verbinden. Mit JavaScript holt diese Seite das Token für Sie; sonst fügen Sie ein Token ein, das Sie mit dem Kommandozeilen-Programm erzeugt haben.",
  blindLabel: "Anonymes Token",
  answerStoredTitle: "Antwort gespeichert",
  thanksDefault: "Danke: Ihre Antwort ist gespeichert.",
  seeResults: "Die bisherigen Ergebnisse ansehen",
  notFoundTitle: "Umfrage nicht gefunden",
  notFound: "Unter dieser Adresse gibt es keine Umfrage. Prüfen Sie den Link, den Sie erhalten haben.",
  notOpenTitle: "Diese Umfrage ist nicht geöffnet",
  draft: "Diese Umfrage ist noch nicht geöffnet.",
  notYet: (when) => (when ? `Diese Umfrage öffnet am ${when}.` : "Diese Umfrage ist noch nicht geöffnet."),
  closedTitle: "Diese Umfrage ist geschlossen",
  closed: (when) =>
    when
      ? `Diese Umfrage wurde am ${when} geschlossen. Danke für Ihr Interesse.`
      : "Diese Umfrage ist geschlossen. Danke für Ihr Interesse.",
  crossSiteTitle: "Antworten abgelehnt",
  crossSite:
    "Ihre Antworten kamen von einer anderen Website und wurden nicht gespeichert. Öffnen Sie die Umfrage auf dieser Website und antworten Sie dort.",
  unsupportedTitle: "Formular nicht verstanden",
  unsupported: "Die Antworten müssen mit dem Formular der Umfrage gesendet werden (application/x-www-form-urlencoded).",
  tooLargeTitle: "Antworten zu lang",
  tooLarge: "Die gesendeten Antworten waren zu lang. Kürzen Sie Ihre Texte und senden Sie erneut.",
  rateLimitedTitle: "Zu viele Antworten",
  rateLimited: (minutes, time) =>
    `Aus Ihrem Netz kamen in den letzten Minuten viele Antworten, deshalb wurden Ihre noch nicht gespeichert. Sie stehen unten bereit: Senden Sie sie in ${minutes === 1 ? "einer Minute" : `${minutes} Minuten`} erneut, nach ${time}.`,
  backToSurvey: "Zurück zur Umfrage",
};

const catalogue: Record<string, UiStrings> = { en, de };

/** The page's own texts in `lang`, or in English when the catalogue lacks that language. */
export function uiStrings(lang: string): UiStrings {
  return catalogue[lang] ?? catalogue[primarySubtag(lang)] ?? en;
}
