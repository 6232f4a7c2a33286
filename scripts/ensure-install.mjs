// Makes `npm start`, `npm test` and `npm run bench` work on a fresh clone: installs the
// packages (and with them the Node 24 binary from the `node` package) when node_modules is
// missing or older than package-lock.json. Runs on whatever Node started npm, so it uses
// nothing newer than Node 18 offers.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { execSync } from "node:child_process";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const lockfile = join(root, "package-lock.json");
const stamp = join(root, "node_modules", ".agora-install-stamp");
const wanted = createHash("sha256").update(readFileSync(lockfile)).digest("hex");
const have = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : "";

if (have !== wanted) {
  console.error("agora: installing packages (npm ci)…");
  execSync("npm ci --no-audit --no-fund", { cwd: root, stdio: "inherit" });
  writeFileSync(stamp, wanted + "\n");
}
