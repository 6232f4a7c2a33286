import { checkConfig } from "@agora/config";
import { runRole } from "./serve.ts";

const usage = `agora: community infrastructure (webhook intake, triage, forum bridge, surveys, Matrix)

usage:
  agora start                 every service and worker in one process (what \`npm start\` runs)
  agora serve hooks           the webhook intake alone (run several behind a load balancer)
  agora work                  the queue workers alone (deliveries, Matrix notifier)
  agora bot                   the Matrix chat bot alone (one process at most)
  agora check-config [FILE]   check the community file (default: $AGORA_CONFIG) without starting anything

Settings come from the environment; the README lists them.`;

const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  console.error(`agora needs Node.js 24 or later (this is ${process.version}); run it through \`npm start\`, which uses the project's own Node.`);
  process.exit(1);
}

const [command = "start", ...args] = process.argv.slice(2);
switch (command) {
  case "start":
    await runRole("agora", { intake: true, statusPage: true, workers: true, bot: true });
    break;
  case "serve":
    if (args[0] !== "hooks") {
      console.error(`agora serve: unknown service "${args[0] ?? ""}"; known: hooks\n\n${usage}`);
      process.exit(2);
    }
    await runRole("hooks", { intake: true, statusPage: false, workers: false, bot: false });
    break;
  case "work":
    await runRole("worker", { intake: false, statusPage: false, workers: true, bot: false });
    break;
  case "bot":
    await runRole("bot", { intake: false, statusPage: false, workers: false, bot: true });
    break;
  case "check-config": {
    const result = checkConfig(args[0] ?? process.env.AGORA_CONFIG ?? "config/community.example.yaml");
    for (const line of result.lines) (result.ok ? console.log : console.error)(line);
    process.exit(result.ok ? 0 : 1);
    break;
  }
  case "help":
  case "--help":
  case "-h":
    console.log(usage);
    break;
  default:
    console.error(`agora: unknown command "${command}"\n\n${usage}`);
    process.exit(2);
}
