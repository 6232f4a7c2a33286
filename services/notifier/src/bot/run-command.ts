import type { BotLogger } from "./bot-logger.ts";
import type { CommandRouter } from "./command-router.ts";
import type { CommandMessage } from "./message-rules.ts";
import { COMMAND_PREFIX } from "./parse-command.ts";
import { replyDedupeKey, type SendReply } from "./reply.ts";

export interface RunCommandContext {
  router: CommandRouter;
  sendReply: SendReply;
  logger: BotLogger;
}

/**
 * Answers one command: unknown names get a hint, senders the command does not allow get a
 * polite refusal, and a handler that throws gets an apology in chat (the reason goes to the
 * log, not to the room, where it could show internals).
 */
export async function runCommand({ ctx, input }: { ctx: RunCommandContext; input: CommandMessage }): Promise<void> {
  let sent = 0;
  const reply = (body: string, html?: string) =>
    ctx.sendReply({
      roomId: input.roomId,
      inReplyTo: input.eventId,
      ...(input.threadRoot ? { threadRoot: input.threadRoot } : {}),
      body,
      ...(html === undefined ? {} : { html }),
      dedupeKey: replyDedupeKey(input.roomId, input.eventId, sent++),
    });

  const command = ctx.router.get(input.name);
  // `!foo` may be meant for another bot: only `!agora foo` earns a hint.
  if (!command && input.shorthand) return;
  if (!command) {
    await reply(`I don't know "${input.name.slice(0, 40)}". Try ${COMMAND_PREFIX} help.`);
    return;
  }
  if (command.allowed && !command.allowed(input.sender)) {
    await reply(`Sorry, you are not allowed to run ${COMMAND_PREFIX} ${command.name}.`);
    return;
  }
  try {
    await command.handle({
      args: input.args,
      sender: input.sender,
      roomId: input.roomId,
      eventId: input.eventId,
      reply,
    });
  } catch (error) {
    ctx.logger.error({ err: error, command: command.name, eventId: input.eventId }, "bot command failed");
    await reply(`Sorry, ${COMMAND_PREFIX} ${command.name} failed. The operators can find why in the logs.`);
  }
}
