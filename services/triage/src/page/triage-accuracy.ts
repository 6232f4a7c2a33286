import { triageAccuracy, type Sql, type TriageAccuracy, type TriageAccuracyBySig } from "@agora/db";
import { sharePercent } from "../routing/percent.ts";

export type { TriageAccuracy } from "@agora/db";

/** The window of the accuracy figures: long enough for people to have corrected the bot. */
export const ACCURACY_DAYS = 30;

/** Below this many bugs acted on, one mistake moves the precision by 20 points: counts only. */
export const MIN_ACTED_FOR_PRECISION = 5;

export const accuracySince = (now: Date) => new Date(now.getTime() - ACCURACY_DAYS * 24 * 3600 * 1000);

/** The bot's precision and coverage over the last `ACCURACY_DAYS`, overall and by the SIG it chose. */
export function recentTriageAccuracy(db: Sql, now = new Date()): Promise<TriageAccuracyBySig> {
  return triageAccuracy(db, { since: accuracySince(now) });
}

export const precisionMeaningful = (a: TriageAccuracy) => a.acted >= MIN_ACTED_FOR_PRECISION;

/** The precision as a table cell shows it: a percentage, or why there is none yet. */
export function precisionText(a: TriageAccuracy): string {
  if (a.acted === 0) return "none acted on";
  return precisionMeaningful(a) ? sharePercent(a.acted - a.corrected, a.acted) : "too few to tell";
}

/**
 * What the figures mean, in a sentence a SIG lead reads at a glance: "Acted alone on 41 of 60
 * bugs (68%); people moved 3 of those (precision 92%). Asked a person about 19: people placed
 * 12, 9 in the bot's first suggestion." Moving includes taking the SIG label off.
 */
export function accuracySentence(a: TriageAccuracy): string {
  if (a.decisions === 0) return `The bot decided no bugs in the last ${ACCURACY_DAYS} days.`;
  let acted = `Acted alone on ${a.acted} of ${a.decisions} bugs (${sharePercent(a.acted, a.decisions)})`;
  if (a.acted > 0) {
    const precision = precisionMeaningful(a)
      ? `precision ${sharePercent(a.acted - a.corrected, a.acted)}`
      : `too few to tell its precision yet`;
    acted += `; people moved ${a.corrected} of those (${precision})`;
  }
  const asked =
    a.asked === 0
      ? ""
      : ` Asked a person about ${a.asked}: people placed ${a.placed}, ${a.placedAsSuggested} in the bot's first suggestion.`;
  return `${acted}.${asked}`;
}
