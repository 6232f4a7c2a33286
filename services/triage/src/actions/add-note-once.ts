import type { ActionsContext } from "./actions-context.ts";

/**
 * Adds the bot's note unless an earlier attempt already did. A retry can follow a note that GitLab
 * stored but whose answer was lost (a timeout, a 5xx from a proxy), and a person should not read
 * the same note twice; the marker, an HTML comment GitLab does not show, names what the note was for.
 */
export async function addNoteOnce(
  { ctx, projectId, issueIid }: { ctx: ActionsContext; projectId: number; issueIid: number },
  { marker, body }: { marker: string; body: string },
): Promise<string> {
  const tag = `<!-- agora-triage: ${marker} -->`;
  const notes = await ctx.gitlab.listNotes(projectId, issueIid);
  const earlier = notes.find((note) => note.author === ctx.botUsername && note.body.includes(tag));
  if (earlier) return earlier.body;
  const note = `${body}\n\n${tag}`;
  await ctx.gitlab.addNote(projectId, issueIid, note);
  return note;
}
