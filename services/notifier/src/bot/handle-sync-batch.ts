import { Method, type MatrixClient } from "matrix-js-sdk";
import type { BotLogger } from "./bot-logger.ts";
import type { CommandRouter } from "./command-router.ts";
import { commandIn } from "./message-rules.ts";
import type { BotPermissions } from "./permissions.ts";
import type { SyncBatch } from "./read-sync.ts";
import type { SendReply } from "./reply.ts";
import { runCommand } from "./run-command.ts";

export interface SyncBatchContext {
  client: MatrixClient;
  userId: string;
  router: CommandRouter;
  permissions: BotPermissions;
  sendReply: SendReply;
  logger: BotLogger;
}

/**
 * Joins or refuses the invites of one `/sync` answer and answers its commands. A command
 * whose answer could not be handed over makes the whole batch fail, so its token is not saved
 * and the batch is read again: answers carry dedupe keys, so the ones already sent are not
 * sent twice. Handlers must therefore be safe to run twice.
 */
export async function handleSyncBatch({
  ctx,
  input,
}: {
  ctx: SyncBatchContext;
  input: { batch: SyncBatch; answerCommands: boolean };
}): Promise<void> {
  for (const invite of input.batch.invites) await answerInvite(ctx, invite);
  if (!input.answerCommands) return;

  const commands = input.batch.timelines.flatMap((timeline) => {
    if (timeline.limited)
      ctx.logger.warn({ roomId: timeline.roomId }, "more messages than the sync limit; older commands were skipped");
    return timeline.events.flatMap((event) => commandIn(event, timeline.roomId, ctx.userId) ?? []);
  });
  const results = await Promise.allSettled(commands.map((command) => runCommand({ ctx, input: command })));
  const failed = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
  if (failed.length > 0) throw new AggregateError(failed, `${failed.length} command answer(s) could not be sent`);
}

async function answerInvite(ctx: SyncBatchContext, invite: SyncBatch["invites"][number]): Promise<void> {
  const room = encodeURIComponent(invite.roomId);
  const allowed = invite.inviter !== undefined && ctx.permissions.canInvite(invite.inviter);
  try {
    if (allowed) {
      await ctx.client.http.authedRequest(Method.Post, `/join/${room}`, undefined, {});
      ctx.logger.info({ roomId: invite.roomId, inviter: invite.inviter }, "joined a room on invite");
    } else {
      const reason = "Only SIG leads, triagers and bot admins of the community file can invite this bot.";
      await ctx.client.http.authedRequest(Method.Post, `/rooms/${room}/leave`, undefined, { reason });
      ctx.logger.info({ roomId: invite.roomId, inviter: invite.inviter }, "refused an invite");
    }
  } catch (error) {
    // The invite stays pending on the homeserver; an operator can re-invite the bot.
    ctx.logger.warn({ err: error, roomId: invite.roomId, allowed }, "could not answer an invite");
  }
}
