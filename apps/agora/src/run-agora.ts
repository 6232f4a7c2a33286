import { checkEnv } from "@agora/config";
import { DatabaseUnavailableError } from "@agora/db";
import { commands, isCommand, type AgoraCommand, type Output } from "./commands.ts";
import { agoraHelp, commandHelp, groupHelp } from "./help.ts";

const terminal: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const isHelp = (word: string) => word === "help" || word === "--help" || word === "-h";

/**
 * Runs the command `argv` names (`start` when it names none) and resolves to its exit code, or
 * to undefined for a role, which keeps serving. Asked for help, it prints it and answers 0;
 * given an unknown or incomplete command, it prints the help of what it did recognise and answers 2.
 */
export async function runAgora(argv: readonly string[], output: Output = terminal): Promise<number | undefined> {
  const [name = "start", ...args] = argv;
  if (isHelp(name)) {
    output.out(agoraHelp());
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    output.err(`agora: unknown command "${name}"\n\n${agoraHelp()}`);
    return 2;
  }
  if (isCommand(entry)) return run(`agora ${name}`, entry, args, output);
  const [sub, ...rest] = args;
  if (sub !== undefined && isHelp(sub)) {
    output.out(groupHelp(entry));
    return 0;
  }
  const command = sub === undefined ? undefined : entry[sub];
  if (!command) {
    const known = Object.keys(entry).join(", ");
    const problem = sub === undefined ? `which command? ${known}` : `unknown command "${sub}"; known: ${known}`;
    output.err(`agora ${name}: ${problem}\n\n${groupHelp(entry)}`);
    return 2;
  }
  return run(`agora ${name} ${sub}`, command, rest, output);
}

// What an operator can fix from the message alone is one line, not a stack. Every command goes
// through the environment check the roles make at start, whatever of it the command reads.
async function run(name: string, command: AgoraCommand, args: string[], output: Output): Promise<number | undefined> {
  // `agora triage train --help`: the command's own entry of the help, every option in it.
  if (args.includes("--help") || args.includes("-h")) {
    output.out(commandHelp(command));
    return 0;
  }
  const env = checkEnv(process.env, Boolean(process.stdout.isTTY));
  if (!env.ok) {
    for (const line of env.lines) output.err(`agora: ${line}`);
    return 1;
  }
  try {
    return await command.run(args, output, env.env);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      output.err(`agora: ${error.message}`);
      return 1;
    }
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_")) {
      output.err(`${name}: ${(error as Error).message}`);
      output.err(`usage: ${command.usage}`);
      return 2;
    }
    throw error;
  }
}
