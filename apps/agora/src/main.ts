import { runAgora } from "./run-agora.ts";

const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  console.error(
    `agora needs Node.js 24 or later (this is ${process.version}); run it through \`npm start\`, which uses the project's own Node.`,
  );
  process.exit(1);
}

const code = await runAgora(process.argv.slice(2));
// A role keeps serving until a signal; every other command is done.
if (code !== undefined) process.exit(code);
