/** Every command starts with this word, so the bot never mistakes ordinary chat for a command. */
export const COMMAND_PREFIX = "!agora";

export interface ParsedCommand {
  /** Lower-cased command name; `help` when the prefix stands alone. */
  name: string;
  args: string[];
  /**
   * Written as `!<name> …` (`!triage 12 sig cloud`) rather than `!agora <name> …`. Other bots
   * and people use `!words` too, so a shorthand is answered only when its command is registered.
   */
  shorthand?: true;
}

/**
 * Reads `!agora <name> [args…]`, or the shorthand `!<name> [args…]`, from a message body, or
 * undefined when the body is not a command. Older clients put a quoted fallback (`> <@user> …` lines, then a blank line) before
 * the text of a reply, so that quote is skipped: a command typed as a reply still counts.
 */
export function parseCommand(body: string): ParsedCommand | undefined {
  const text = withoutReplyFallback(body).trim();
  const words = text.split(/\s+/);
  const first = words[0]?.toLowerCase() ?? "";
  if (first === COMMAND_PREFIX) {
    const [name, ...args] = words.slice(1);
    return { name: (name ?? "help").toLowerCase(), args };
  }
  if (/^![a-z][a-z0-9-]*$/.test(first)) return { name: first.slice(1), args: words.slice(1), shorthand: true };
  return undefined;
}

function withoutReplyFallback(body: string): string {
  if (!body.startsWith("> ")) return body;
  const lines = body.split("\n");
  const firstOwn = lines.findIndex((line) => !line.startsWith(">"));
  return firstOwn === -1 ? "" : lines.slice(firstOwn).join("\n");
}
