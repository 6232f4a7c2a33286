export type { BotLogger } from "./bot-logger.ts";
export { createBotStateStore, type BotAccount, type BotStateStore, type StoredSession } from "./bot-state-store.ts";
export {
  createCommandRouter,
  helpText,
  type Command,
  type CommandInput,
  type CommandRouter,
} from "./command-router.ts";
export { createBot, type Bot, type BotOptions } from "./create-bot.ts";
export { commandIn, type CommandMessage, type TimelineEvent } from "./message-rules.ts";
export { parseCommand, COMMAND_PREFIX, type ParsedCommand } from "./parse-command.ts";
export { createPermissions, type BotPermissions } from "./permissions.ts";
export { replyContent, replyDedupeKey, replyJob, type BotReply, type SendReply } from "./reply.ts";
export type { BotAuth } from "./session.ts";
