import { commands, isCommand, type AgoraCommand, type CommandGroup } from "./commands.ts";

const INTRO = "agora: community infrastructure (webhook intake, triage, forum bridge, surveys, Matrix)";
const SETTINGS =
  "Settings come from the environment, checked for every command (an empty value counts as unset); the README lists them.";
// Usages shorter than this share their line with the summary; longer ones put it below.
const COLUMN = 28;

function describe(usage: string, summary: string): string[] {
  const indent = " ".repeat(COLUMN + 2);
  const [first = "", ...more] = summary.split("\n");
  const head = usage.length < COLUMN ? [`  ${usage.padEnd(COLUMN)}${first}`] : [`  ${usage}`, `${indent}${first}`];
  return [...head, ...more.map((line) => `${indent}${line}`)];
}

function listed(entries: readonly AgoraCommand[]): string[] {
  return entries.flatMap((command) => describe(command.usage, command.summary));
}

/** `agora help`: every command with every option, from the same table the commands run from. */
export function agoraHelp(): string {
  const all = Object.values(commands).flatMap((entry) => (isCommand(entry) ? [entry] : Object.values(entry)));
  const help = describe("agora help", "this list; `agora triage help` and the like list one group");
  return [INTRO, "", "usage:", ...listed(all), ...help, "", SETTINGS].join("\n");
}

/** `agora <command> --help`: its usage and what each option means. */
export function commandHelp(command: AgoraCommand): string {
  return ["usage:", ...describe(command.usage, command.summary)].join("\n");
}

/** `agora triage help`: the commands of one group. */
export function groupHelp(group: CommandGroup): string {
  return ["usage:", ...listed(Object.values(group))].join("\n");
}
