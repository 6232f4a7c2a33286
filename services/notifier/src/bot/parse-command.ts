/** Every command starts with this word, so the bot never mistakes ordinary chat for a command. */
export const COMMAND_PREFIX = "!agora";

export interface ParsedCommand {
  /** Lower-cased command name; `help` when the prefix stands alone. */
  name: string;
  args: string[];
}

/**
 * Reads `!agora <name> [args…]` from a message body, or undefined when the body is not a
 * command. Older clients put a quoted fallback (`> <@user> …` lines, then a blank line) before
 * the text of a reply, so that quote is skipped: a command typed as a reply still counts.
 */
export function parseCommand(body: string): ParsedCommand | undefined {
  const text = withoutReplyFallback(body).trim();
  const words = text.split(/\s+/);
  if (words[0]?.toLowerCase() !== COMMAND_PREFIX) return undefined;
  const [name, ...args] = words.slice(1);
  return { name: (name ?? "help").toLowerCase(), args };
}

function withoutReplyFallback(body: string): string {
  if (!body.startsWith("> ")) return body;
  const lines = body.split("\n");
  const firstOwn = lines.findIndex((line) => !line.startsWith(">"));
  return firstOwn === -1 ? "" : lines.slice(firstOwn).join("\n");
}
