import type { Community, Sig } from "@agora/schemas";
import { TriageError } from "./triage-error.ts";

export function findSig(community: Community, sigId: string): Sig {
  const sig = community.sigs.find((s) => s.id === sigId);
  // The classifier only names SIGs of the community file it was given, so this is a stale model
  // or config: a retry would fail the same way.
  if (!sig) throw new TriageError(`no SIG "${sigId}" in the community file`, { kind: "unknown-sig", sig: sigId });
  return sig;
}

/** The SIG's scoped label: the first of its `gitlab.labels`, such as `sig::cloud`. */
export function sigLabel(sig: Sig): string {
  const [label] = sig.gitlab.labels;
  // The community schema asks for at least one label; a SIG built some other way may have none.
  if (label === undefined) throw new Error(`SIG "${sig.id}" has no gitlab.labels`);
  return label;
}

/** Whether a person (or an earlier run) already gave the issue a SIG label: then the bot leaves it. */
export function findSigLabel(community: Community, labels: string[]): string | null {
  const all = new Set(community.sigs.flatMap((s) => s.gitlab.labels));
  return labels.find((label) => all.has(label)) ?? null;
}

/** Who gets the issue: the SIG's first triager, or its first lead. */
export function sigAssignee(sig: Sig): string {
  const person = sig.triagers[0] ?? sig.leads[0];
  // The community schema asks for at least one lead; a SIG built some other way may have none.
  if (!person) throw new Error(`SIG "${sig.id}" has neither triagers nor leads`);
  return person.gitlab;
}

/**
 * Escapes words that came from an issue (its title, reasons and suggestions quoting it) for a note
 * or a room: an `@` would mention (and notify) someone and a backtick would break the formatting,
 * so both are defused, and line breaks become spaces to keep the quote on its line.
 */
export function escapeUserText(text: string): string {
  return text.replace(/@/g, "@\u200b").replace(/`/g, "'").replace(/\s+/g, " ").trim();
}
