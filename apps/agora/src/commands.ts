import { checkConfig, type Env } from "@agora/config";
import { readSurveyFiles, runBlindToken } from "@agora/surveys";
import { triageCommands } from "@agora/triage";
import { roleCommands, type RoleCommand } from "./roles.ts";
import { runMigrate } from "./migrate.ts";
import { runRole } from "./serve.ts";

/** Where a command writes: the terminal, or a buffer in tests. */
export type Output = { out: (line: string) => void; err: (line: string) => void };

export interface AgoraCommand {
  /** The whole command line `agora help` shows, every option in it. */
  usage: string;
  /** What it does; a `\n` continues it on the next line of the help. */
  summary: string;
  /** The parseArgs definitions of its options, when it parses any; a test checks `usage` names each. */
  options?: Readonly<Record<string, unknown>>;
  /**
   * Runs with the environment already checked (`env`); resolves to the exit code, or for a role to
   * undefined, which serves until a signal stops it.
   */
  run(args: string[], output: Output, env: Env): number | undefined | Promise<number | undefined>;
}

/** A command whose first argument picks one of several: `agora triage train`. */
export type CommandGroup = Readonly<Record<string, AgoraCommand>>;

function role(spec: RoleCommand): AgoraCommand {
  return {
    usage: `agora ${spec.command.join(" ")}`,
    summary: spec.summary,
    async run() {
      await runRole(spec.service, spec.roles);
      return undefined;
    },
  };
}

/** Every command `agora` runs, in the order `agora help` lists them; help is rendered from this. */
export const commands: Readonly<Record<string, AgoraCommand | CommandGroup>> = {
  start: role(roleCommands.all),
  serve: { hooks: role(roleCommands.hooks), surveys: role(roleCommands.surveys) },
  work: role(roleCommands.worker),
  bot: role(roleCommands.bot),
  migrate: {
    usage: "agora migrate",
    summary: "bring the database and the queue's schema up to date, then stop (before an edge deploy or a rollout)",
    run: (_args, output, env) => runMigrate(env, output),
  },
  "check-config": {
    usage: "agora check-config [FILE]",
    summary: "check the community file (default: $AGORA_CONFIG) without starting anything",
    run(args, output, env) {
      const result = checkConfig(args[0] ?? env.AGORA_CONFIG);
      for (const line of result.lines) (result.ok ? output.out : output.err)(line);
      return result.ok ? 0 : 1;
    },
  },
  "check-surveys": {
    usage: "agora check-surveys [DIR]",
    summary: "check the survey definitions (default: $AGORA_SURVEYS_DIR or config/surveys)",
    run(args, output, env) {
      const dir = args[0] ?? env.AGORA_SURVEYS_DIR;
      const result = readSurveyFiles(dir);
      if (!result.ok) {
        output.err(`${dir}: survey files are invalid:\n${result.problems.map((p) => `  ${p}`).join("\n")}`);
        return 1;
      }
      for (const f of result.files)
        output.out(
          `${f.path} is valid: /s/${f.definition.slug}, ${f.definition.questions.length} questions${f.definition.sections ? ` on ${f.definition.sections.length} pages` : ""}, ${f.definition.access.mode}`,
        );
      if (!result.files.length) output.out(`${dir} holds no survey files (*.yaml, *.yml, *.json)`);
      return 0;
    },
  },
  triage: triageCommands,
  survey: {
    "blind-token": {
      usage: "agora survey blind-token --url URL --survey SLUG --credential-env NAME",
      summary: "an anonymous token for a blind survey (the membership code only from the env)",
      run: (args, output) => runBlindToken(args, output),
    },
  },
};

export function isCommand(entry: AgoraCommand | CommandGroup): entry is AgoraCommand {
  return typeof entry.run === "function";
}
