import { describe, expect, it } from "vitest";
import { registerBuiltinCommands } from "../../src/bot/builtin-commands.ts";
import { createCommandRouter } from "../../src/bot/command-router.ts";
import type { CommandMessage } from "../../src/bot/message-rules.ts";
import type { BotReply } from "../../src/bot/reply.ts";
import { runCommand } from "../../src/bot/run-command.ts";

function setup() {
  const router = createCommandRouter();
  registerBuiltinCommands(router, async () => "queues: notify 3 waiting, 1 dead");
  const replies: BotReply[] = [];
  const errors: object[] = [];
  const logger = { info: () => {}, warn: () => {}, error: (fields: object) => errors.push(fields) };
  const ctx = { router, logger, sendReply: async (reply: BotReply) => void replies.push(reply) };
  return { router, replies, errors, ctx };
}

const command = (name: string, args: string[] = [], extra: Partial<CommandMessage> = {}): CommandMessage => ({
  name,
  args,
  roomId: "!room:example.org",
  eventId: "$cmd",
  sender: "@lead:example.org",
  ...extra,
});

describe("runCommand", () => {
  it("hands arguments and sender to the registered command, and its answers back as replies", async () => {
    const { router, replies, ctx } = setup();
    router.register({
      name: "triage",
      summary: "sets a bug's SIG",
      usage: "<issue> <sig>",
      handle: async ({ args, sender, reply }) => {
        await reply(`${sender} moved #${args[0]} to ${args[1]}`);
        await reply("done", "<b>done</b>");
      },
    });
    await runCommand({ ctx, input: command("triage", ["12", "cloud"], { threadRoot: "$root" }) });
    expect(replies).toEqual([
      {
        roomId: "!room:example.org",
        inReplyTo: "$cmd",
        threadRoot: "$root",
        body: "@lead:example.org moved #12 to cloud",
        dedupeKey: "bot-reply:!room:example.org:$cmd:0",
      },
      {
        roomId: "!room:example.org",
        inReplyTo: "$cmd",
        threadRoot: "$root",
        body: "done",
        html: "<b>done</b>",
        dedupeKey: "bot-reply:!room:example.org:$cmd:1",
      },
    ]);
  });

  it("runs a registered command written as a shorthand, and stays silent on an unknown one", async () => {
    const { router, replies, ctx } = setup();
    router.register({ name: "triage", summary: "sets a bug's SIG", handle: async ({ reply }) => reply("routed") });
    await runCommand({ ctx, input: command("triage", ["12", "sig", "cloud"], { shorthand: true }) });
    // `!deploy` may be another bot's: no hint, no reply.
    await runCommand({ ctx, input: command("deploy", [], { shorthand: true }) });
    expect(replies.map((r) => r.body)).toEqual(["routed"]);
  });

  it("lists every command with its usage in help", async () => {
    const { router, replies, ctx } = setup();
    router.register({
      name: "triage",
      summary: "sets a bug's SIG",
      usage: "<issue> sig <id> | queue [sig]",
      examples: ["!triage distro/bugs#12 sig cloud"],
      handle: async () => {},
    });
    await runCommand({ ctx, input: command("help") });
    // One command a line, each form of it and an example on their own lines beneath.
    expect(replies.map((reply) => reply.body.split("\n"))).toEqual([
      [
        "Commands:",
        "!agora help: lists the commands",
        "!agora status: how Agora is doing: queues and dead letters",
        "!agora triage: sets a bug's SIG",
        "  !agora triage <issue> sig <id>",
        "  !agora triage queue [sig]",
        "  e.g. !triage distro/bugs#12 sig cloud",
      ],
    ]);
    expect(replies[0]!.html).toContain("<ul><li><code>!agora triage &lt;issue&gt; sig &lt;id&gt;</code></li>");
  });

  it("answers status with the text the wiring supplies", async () => {
    const { replies, ctx } = setup();
    await runCommand({ ctx, input: command("status") });
    expect(replies.map((reply) => reply.body)).toEqual(["queues: notify 3 waiting, 1 dead"]);
  });

  it("points an unknown command to help", async () => {
    const { replies, ctx } = setup();
    await runCommand({ ctx, input: command("frobnicate") });
    expect(replies.map((reply) => reply.body)).toEqual(['I don\'t know "frobnicate". Try !agora help.']);
  });

  it("refuses politely a sender the command does not allow, without running it", async () => {
    const { router, replies, ctx } = setup();
    let ran = false;
    router.register({
      name: "close",
      summary: "closes",
      allowed: (sender) => sender === "@admin:example.org",
      handle: async () => void (ran = true),
    });
    await runCommand({ ctx, input: command("close") });
    expect(ran).toBe(false);
    expect(replies.map((reply) => reply.body)).toEqual(["Sorry, you are not allowed to run !agora close."]);
    await runCommand({ ctx, input: command("close", [], { sender: "@admin:example.org" }) });
    expect(ran).toBe(true);
  });

  it("apologises in chat and logs the reason when a handler throws", async () => {
    const { router, replies, errors, ctx } = setup();
    router.register({
      name: "boom",
      summary: "fails",
      handle: async () => {
        throw new Error("database password is hunter2");
      },
    });
    await runCommand({ ctx, input: command("boom") });
    expect(replies.map((reply) => reply.body)).toEqual([
      "Sorry, !agora boom failed. The operators can find why in the logs.",
    ]);
    expect(errors).toHaveLength(1);
  });

  it("lets the failure to hand over an answer reach the caller, so the batch is read again", async () => {
    const { ctx } = setup();
    const failing = {
      ...ctx,
      sendReply: async () => {
        throw new Error("queue down");
      },
    };
    await expect(runCommand({ ctx: failing, input: command("help") })).rejects.toThrow("queue down");
  });
});

describe("createCommandRouter", () => {
  it("refuses a name registered twice and a name that is not one word", () => {
    const router = createCommandRouter();
    router.register({ name: "triage", summary: "x", handle: async () => {} });
    expect(() => router.register({ name: "triage", summary: "y", handle: async () => {} })).toThrow(
      "already registered",
    );
    expect(() => router.register({ name: "two words", summary: "y", handle: async () => {} })).toThrow(
      "one lower-case word",
    );
  });
});
