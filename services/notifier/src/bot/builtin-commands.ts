import { helpText, type CommandRouter } from "./command-router.ts";

/**
 * `help` and `status`, registered like any other command so that help lists itself. The
 * status text comes from the wiring (queue depths, dead letters), which knows what runs.
 */
export function registerBuiltinCommands(router: CommandRouter, status: () => Promise<string>): void {
  router.register({
    name: "help",
    summary: "lists the commands",
    handle: async ({ reply }) => {
      const help = helpText(router);
      await reply(help.body, help.html);
    },
  });
  router.register({
    name: "status",
    summary: "how Agora is doing: queues and dead letters",
    handle: async ({ reply }) => reply(await status()),
  });
}
