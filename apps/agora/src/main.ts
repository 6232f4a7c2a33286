import { checkConfig } from "@agora/config";
import { DatabaseUnavailableError } from "@agora/db";
import { readSurveyFiles, runBlindToken } from "@agora/surveys";
import { runEval, runExportCorrections, runImportHistory, runSweep, runTrain } from "@agora/triage";
import { runRole } from "./serve.ts";

const usage = `agora: community infrastructure (webhook intake, triage, forum bridge, surveys, Matrix)

usage:
  agora start                 every service and worker in one process (what \`npm start\` runs)
  agora serve hooks           the webhook intake alone (run several behind a load balancer)
  agora serve surveys         the survey pages, results and admin API alone (as many as needed)
  agora work                  the queue workers alone (deliveries, Matrix notifier)
  agora bot                   the Matrix chat bot alone (one process at most)
  agora check-config [FILE]   check the community file (default: $AGORA_CONFIG) without starting anything
  agora check-surveys [DIR]   check the survey definitions (default: $AGORA_SURVEYS_DIR or config/surveys)
  agora triage train --input history.jsonl --out model.json [--method softmax|naive-bayes|linear-svm]
                              learn the bug classifier from labelled reports ({"title","description","sig"} a line)
  agora triage eval --train A.jsonl --test B.jsonl [--threshold 0.6] [--method …]
                              accuracy, macro-F1, top-3 accuracy, and coverage and precision at the threshold
  agora triage import-history --url URL [--token-env GITLAB_TOKEN] --project ID [--project ID …] --out history.jsonl
                              closed issues with one SIG label, as training data (the token only from the env)
  agora triage export-corrections --output corrections.jsonl
                              the SIG labels people set by hand, as training data to add to the history (reads the database)
  agora triage sweep --url URL [--token-env GITLAB_TOKEN] [--project ID-or-group/project …] [--policies FILE] [--dry-run]
                              the triage: section's policies now (the workers also run them on its schedule); the digest
                              goes to the triage room; --dry-run prints what would happen and changes nothing
  agora survey blind-token --url URL --survey SLUG --credential-env NAME
                              an anonymous token for a blind survey (the membership code only from the env)

Settings come from the environment; the README lists them.`;

const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  console.error(`agora needs Node.js 24 or later (this is ${process.version}); run it through \`npm start\`, which uses the project's own Node.`);
  process.exit(1);
}

const [command = "start", ...args] = process.argv.slice(2);
// An operator's problem (no database server, no database) is one line to act on, not a stack.
try {
  switch (command) {
    case "start":
      await runRole("agora", { intake: true, statusPage: true, workers: true, bot: true, surveys: true });
      break;
    case "serve":
      if (args[0] === "hooks") await runRole("hooks", { intake: true, statusPage: false, workers: false, bot: false, surveys: false });
      else if (args[0] === "surveys") await runRole("surveys", { intake: false, statusPage: false, workers: false, bot: false, surveys: true });
      else {
        console.error(`agora serve: unknown service "${args[0] ?? ""}"; known: hooks, surveys\n\n${usage}`);
        process.exit(2);
      }
      break;
    case "work":
      await runRole("worker", { intake: false, statusPage: false, workers: true, bot: false, surveys: false });
      break;
    case "bot":
      await runRole("bot", { intake: false, statusPage: false, workers: false, bot: true, surveys: false });
      break;
    case "check-config": {
      const result = checkConfig(args[0] ?? process.env.AGORA_CONFIG ?? "config/community.example.yaml");
      for (const line of result.lines) (result.ok ? console.log : console.error)(line);
      process.exit(result.ok ? 0 : 1);
      break;
    }
    case "check-surveys": {
      const dir = args[0] ?? process.env.AGORA_SURVEYS_DIR ?? "config/surveys";
      const result = readSurveyFiles(dir);
      if (!result.ok) {
        console.error(`${dir}: survey files are invalid:\n${result.problems.map((p) => `  ${p}`).join("\n")}`);
        process.exit(1);
      }
      for (const f of result.files) console.log(`${f.path} is valid: /s/${f.definition.slug}, ${f.definition.questions.length} questions, ${f.definition.access.mode}`);
      if (!result.files.length) console.log(`${dir} holds no survey files (*.yaml, *.yml, *.json)`);
      process.exit(0);
      break;
    }
    case "triage": {
      // Loads only what each command needs: most need neither the database nor the community file.
      const [sub, ...rest] = args;
      if (sub === "train") process.exit(runTrain(rest));
      if (sub === "eval") process.exit(runEval(rest));
      if (sub === "import-history") process.exit(await runImportHistory(rest));
      if (sub === "sweep") process.exit(await runSweep(rest));
      if (sub === "export-corrections") process.exit(await runExportCorrections(rest));
      console.error(`agora triage: unknown command "${sub ?? ""}"; known: train, eval, import-history, sweep, export-corrections\n\n${usage}`);
      process.exit(2);
      break;
    }
    case "survey": {
      const [sub, ...rest] = args;
      if (sub === "blind-token") process.exit(await runBlindToken(rest));
      console.error(`agora survey: unknown command "${sub ?? ""}"; known: blind-token\n\n${usage}`);
      process.exit(2);
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
} catch (error) {
  if (!(error instanceof DatabaseUnavailableError)) throw error;
  console.error(`agora: ${error.message}`);
  process.exit(1);
}
