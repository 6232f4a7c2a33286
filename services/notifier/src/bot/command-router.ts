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
  /** Arguments as shown in help, such as `<issue> <sig>`. */
  usage?: string;
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

/** The text of `!agora help`. */
export function helpText(router: CommandRouter): string {
  const lines = router.list().map((command) => {
    const usage = command.usage ? ` ${command.usage}` : "";
    return `${COMMAND_PREFIX} ${command.name}${usage}: ${command.summary}`;
  });
  return ["Commands:", ...lines].join("\n");
}
