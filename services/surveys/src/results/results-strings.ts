import { primarySubtag } from "../page/choose-language.ts";

/** Every text of the results page that is not the survey's own, in one language. */
export interface ResultsStrings {
  title: (survey: string) => string;
  responses: (n: number) => string;
  legend: (k: number) => string;
  tooFew: (k: number) => string;
  hidden: string;
  answeredBy: (n: string) => string;
  option: string;
  answer: string;
  score: string;
  count: string;
  mean: string;
  median: string;
  nps: string;
  promoters: string;
  passives: string;
  detractors: string;
  statement: string;
  answered: string;
  place: (p: number) => string;
  meanPlace: string;
  rankedFirst: (question: string) => string;
  byPlace: (question: string) => string;
  freeTexts: (n: number) => string;
  crossTab: string;
  rows: string;
  columns: string;
  showCrossTab: string;
  crossTabCaption: (x: string, y: string) => string;
  total: string;
  pickQuestion: (param: string) => string;
  languages: string;
  share: string;
  /** Under a table that hides a count: why, in the same words wherever it appears. */
  hiddenWhy: (k: number) => string;
  /** Beside a mean, median or score that is not given though its question has enough answers. */
  figureHidden: string;
  figureTooFew: (k: number) => string;
  rankingBars: string;
  oneBin: (k: number) => string;
  filterHeading: string;
  filterLabel: string;
  everyone: string;
  showFilter: string;
  filterOffered: (k: number) => string;
  filteredIntro: (n: number, answer: string, question: string) => string;
  showEveryone: string;
  filterHidden: (k: number) => string;
  notBrokenDown: string;
  groupNumbers: string;
  overTime: string;
  overTimeIntro: (unit: "day" | "week", k: number) => string;
  period: string;
  from: (date: string) => string;
  until: (date: string) => string;
  rowShares: string;
}

const en: ResultsStrings = {
  title: (survey) => `Results: ${survey}`,
  responses: (n) => `${n} answers.`,
  legend: (k) =>
    `To keep answers anonymous, counts of fewer than ${k} people are hidden, and so is any count from which such a group could be worked out (the numbers marked “hidden”).`,
  tooFew: (k) =>
    `Fewer than ${k} people have answered so far. Results are shown from ${k} answers on, so that no one can be recognised in them.`,
  hidden: "hidden",
  answeredBy: (n) => `Answered by ${n}.`,
  option: "Option",
  answer: "Answer",
  score: "Score",
  count: "Count",
  mean: "Mean",
  median: "Median",
  nps: "Net Promoter Score",
  promoters: "Promoters (9–10)",
  passives: "Passives (7–8)",
  detractors: "Detractors (0–6)",
  statement: "Statement",
  answered: "Answered",
  place: (p) => `Place ${p}`,
  meanPlace: "Mean place",
  rankedFirst: (q) => `${q}: ranked first`,
  byPlace: (q) => `${q}: how often each was put at each place`,
  freeTexts: (n) => `${n} free texts (shown to admins only)`,
  crossTab: "Cross-tab of two questions",
  rows: "Rows: answers to",
  columns: "Columns: answers to",
  showCrossTab: "Show the cross-tab",
  crossTabCaption: (x, y) => `${x} (rows) by ${y} (columns), among those who answered both`,
  total: "Total",
  pickQuestion: (param) => `${param}: pick a question for the cross-tab`,
  languages: "Language",
  share: "Share",
  hiddenWhy: (k) =>
    `Hidden: fewer than ${k} answers, or a count from which such a small group could be worked out from the others.`,
  figureHidden: "it would let a hidden count be worked out",
  figureTooFew: (k) => `fewer than ${k} answers`,
  rankingBars: "The bars show how many ranked each option first; the columns, how many put it at each place.",
  oneBin: (k) =>
    `The answers are too close together to show in ranges of at least ${k} without singling someone out; the mean and median say where they lie.`,
  filterHeading: "Results of one group",
  filterLabel: "Show only members who gave this answer",
  everyone: "Everyone",
  showFilter: "Show their results",
  filterOffered: (k) =>
    `Only answers given by at least ${k} members can be picked. A group's counts are hidden by the same rules as a cross-tab's, so that comparing them with everyone's cannot single anyone out either.`,
  filteredIntro: (n, answer, question) => `Results of the ${n} members who answered “${answer}” to “${question}”.`,
  showEveryone: "Show everyone's results",
  filterHidden: (k) =>
    `This group is not shown: fewer than ${k} members gave this answer, or their number is hidden. Everyone's results follow.`,
  notBrokenDown: "Not broken down by group (see everyone's results):",
  groupNumbers: "Mean and median are in everyone's results only: a group's ranges say what can be said of it.",
  overTime: "Answers over time",
  overTimeIntro: (unit, k) =>
    `Answers per ${unit === "day" ? "day" : "week (from Monday)"}, in UTC: an answer keeps its day and no finer time. The first and the last ${unit}s are joined to their neighbours until they hold at least ${k} answers.`,
  period: "When",
  from: (date) => `from ${date}`,
  until: (date) => `until ${date}`,
  rowShares: "In brackets: the share of the row's total (in the last row, of everyone who answered both).",
};

const de: ResultsStrings = {
  title: (survey) => `Ergebnisse: ${survey}`,
  responses: (n) => `${n} Antworten.`,
  legend: (k) =>
    `Damit die Antworten anonym bleiben, sind Zahlen unter ${k} Personen verborgen, und ebenso jede Zahl, aus der sich eine solche Gruppe errechnen ließe (die mit „verborgen“ markierten).`,
  tooFew: (k) =>
    `Bisher haben weniger als ${k} Personen geantwortet. Ergebnisse erscheinen ab ${k} Antworten, damit niemand darin zu erkennen ist.`,
  hidden: "verborgen",
  answeredBy: (n) => `Beantwortet von ${n}.`,
  option: "Option",
  answer: "Antwort",
  score: "Wert",
  count: "Anzahl",
  mean: "Mittelwert",
  median: "Median",
  nps: "Net Promoter Score",
  promoters: "Promotoren (9–10)",
  passives: "Passive (7–8)",
  detractors: "Kritiker (0–6)",
  statement: "Aussage",
  answered: "Beantwortet",
  place: (p) => `Platz ${p}`,
  meanPlace: "Mittlerer Platz",
  rankedFirst: (q) => `${q}: auf Platz 1`,
  byPlace: (q) => `${q}: wie oft jede Option auf welchem Platz stand`,
  freeTexts: (n) => `${n} freie Texte (nur für Admins sichtbar)`,
  crossTab: "Kreuztabelle zweier Fragen",
  rows: "Zeilen: Antworten auf",
  columns: "Spalten: Antworten auf",
  showCrossTab: "Kreuztabelle zeigen",
  crossTabCaption: (x, y) => `${x} (Zeilen) nach ${y} (Spalten), unter denen, die beide beantwortet haben`,
  total: "Summe",
  pickQuestion: (param) => `${param}: Wählen Sie eine Frage für die Kreuztabelle`,
  languages: "Sprache",
  share: "Anteil",
  hiddenWhy: (k) =>
    `Verborgen: weniger als ${k} Antworten, oder eine Zahl, aus der sich eine so kleine Gruppe aus den anderen errechnen ließe.`,
  figureHidden: "daraus ließe sich eine verborgene Zahl errechnen",
  figureTooFew: (k) => `weniger als ${k} Antworten`,
  rankingBars:
    "Die Balken zeigen, wie viele jede Option auf Platz 1 gesetzt haben; die Spalten, wie viele auf jeden Platz.",
  oneBin: (k) =>
    `Die Antworten liegen zu nah beieinander, um sie in Bereichen von mindestens ${k} zu zeigen, ohne jemanden herauszuheben; Mittelwert und Median sagen, wo sie liegen.`,
  filterHeading: "Ergebnisse einer Gruppe",
  filterLabel: "Nur Mitglieder mit dieser Antwort zeigen",
  everyone: "Alle",
  showFilter: "Ihre Ergebnisse zeigen",
  filterOffered: (k) =>
    `Wählbar sind nur Antworten, die mindestens ${k} Mitglieder gegeben haben. Die Zahlen einer Gruppe sind nach denselben Regeln verborgen wie die einer Kreuztabelle, damit auch ein Vergleich mit allen niemanden herausgreift.`,
  filteredIntro: (n, answer, question) =>
    `Ergebnisse der ${n} Mitglieder, die „${answer}“ auf „${question}“ geantwortet haben.`,
  showEveryone: "Ergebnisse aller zeigen",
  filterHidden: (k) =>
    `Diese Gruppe wird nicht gezeigt: Weniger als ${k} Mitglieder haben so geantwortet, oder ihre Zahl ist verborgen. Es folgen die Ergebnisse aller.`,
  notBrokenDown: "Nicht nach Gruppe aufgeschlüsselt (siehe Ergebnisse aller):",
  groupNumbers:
    "Mittelwert und Median stehen nur in den Ergebnissen aller: Für eine Gruppe sagen ihre Bereiche, was sich sagen lässt.",
  overTime: "Antworten im Zeitverlauf",
  overTimeIntro: (unit, k) =>
    `Antworten pro ${unit === "day" ? "Tag" : "Woche (ab Montag)"}, in UTC: Eine Antwort behält ihren Tag und keine genauere Zeit. ${unit === "day" ? "Der erste und der letzte Tag werden" : "Die erste und die letzte Woche werden"} mit ihren Nachbarn zusammengefasst, bis sie mindestens ${k} Antworten enthalten.`,
  period: "Wann",
  from: (date) => `ab ${date}`,
  until: (date) => `bis ${date}`,
  rowShares:
    "In Klammern: der Anteil an der Summe der Zeile (in der letzten Zeile: an allen, die beide beantwortet haben).",
};

const byLanguage: Record<string, ResultsStrings> = { en, de };

/** The page's own texts in `lang`, or in English when there are none in it yet. */
export const resultsStrings = (lang: string): ResultsStrings =>
  byLanguage[lang] ?? byLanguage[primarySubtag(lang)] ?? en;
