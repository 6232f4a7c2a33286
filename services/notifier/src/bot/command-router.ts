import { COMMAND_PREFIX } from "./parse-command.ts";

/** What a command handler is told about the message that invoked it. */
export interface CommandInput {
  args: string[];
  sender: string;
  roomId: string;
  eventId: string;
  /** Answers in the command's thread, or as a reply to it; sent as a notice. */
  reply(body: string, html?: string): Promise<void>;
}

export interface Command {
  /** One lower-case word: `!agora <name> …`. */
  name: string;
  /** One line for `!agora help`. */
  summary: string;
  /** Arguments as shown in help, such as `<issue> <sig>`; alternatives apart by ` | `, one a line in help. */
  usage?: string;
  /** Whole commands as a person would type them, shown under the usage in help. */
  examples?: string[];
  handle(input: CommandInput): Promise<void>;
  /** Who may run it; anyone in a room the bot is in when absent. */
  allowed?: (sender: string) => boolean;
}

export interface CommandRouter {
  /** Adds a command; a name registered twice is a wiring mistake and throws. */
  register(command: Command): void;
  get(name: string): Command | undefined;
  /** In the order they were registered. */
  list(): Command[];
}

const NAME = /^[a-z][a-z0-9-]*$/;

/** Services register their chat commands here; the bot looks commands up by name. */
export function createCommandRouter(): CommandRouter {
  const commands = new Map<string, Command>();
  return {
    register(command) {
      if (!NAME.test(command.name)) throw new Error(`command name "${command.name}" must be one lower-case word`);
      if (commands.has(command.name)) throw new Error(`command "${command.name}" is already registered`);
      commands.set(command.name, command);
    },
    get: (name) => commands.get(name),
    list: () => [...commands.values()],
  };
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/**
 * The text of `!agora help`: a line per command with its summary, then a line per form of its
 * usage and per example, indented, so that no line has to be read apart by eye.
 */
export function helpText(router: CommandRouter): { body: string; html: string } {
  const commands = router.list().map((command) => {
    const forms = (command.usage ?? "")
      .split(" | ")
      .map((u) => u.trim())
      .filter(Boolean)
      .map((u) => `${COMMAND_PREFIX} ${command.name} ${u}`);
    const examples = (command.examples ?? []).map((e) => `e.g. ${e}`);
    return { head: `${COMMAND_PREFIX} ${command.name}: ${command.summary}`, forms, examples };
  });
  const body = [
    "Commands:",
    ...commands.flatMap((c) => [c.head, ...[...c.forms, ...c.examples].map((l) => `  ${l}`)]),
  ].join("\n");
  const html =
    "Commands:<ul>" +
    commands
      .map((c) => {
        const sub = [
          ...c.forms.map((f) => `<li><code>${escapeHtml(f)}</code></li>`),
          ...c.examples.map((e) => `<li>${escapeHtml(e)}</li>`),
        ];
        return `<li>${escapeHtml(c.head)}${sub.length ? `<ul>${sub.join("")}</ul>` : ""}</li>`;
      })
      .join("") +
    "</ul>";
  return { body, html };
}
