import { createHash, randomBytes } from "node:crypto";
import { access, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { migrate } from "./migrate.ts";
import { migrations } from "./migrations/index.ts";
import { openPglite } from "./pglite.ts";

/**
 * The data directory of a migrated, empty PGlite, as a tar file shared by every test process of a
 * machine. Vitest runs each test file in a module scope of its own, so an in-process template was
 * built again per file: initdb and every migration in WebAssembly, 5 s on an idle machine and over
 * 30 s on a loaded one (hook time-outs). Loading the tar takes about a second. The file's name
 * holds a hash of the migrations and PGlite's version, so a new migration makes a new file.
 */
export async function pgliteTemplateFile(): Promise<string> {
  const file = join(tmpdir(), `agora-pglite-template-${await templateKey()}.tar`);
  if (await exists(file)) return file;
  const db = await openPglite();
  try {
    await migrate(db);
    if (db.connection.kind !== "pglite") throw new Error("openPglite returned another kind of database");
    const dump = await db.connection.pglite.dumpDataDir("none");
    // Written aside and renamed: processes building it at once each leave a whole file.
    const partial = `${file}.${randomBytes(6).toString("hex")}.partial`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, file);
    return file;
  } finally {
    await db.close();
  }
}

let templateBytes: Promise<Buffer> | undefined;

/** A new PGlite from the template: migrated, empty, the caller's own. */
export async function pgliteFromTemplate(): Promise<PGlite> {
  templateBytes ??= pgliteTemplateFile().then((file) => readFile(file));
  return PGlite.create({ loadDataDir: new Blob([await templateBytes]) });
}

async function templateKey(): Promise<string> {
  const hash = createHash("sha256");
  hash.update(await pgliteVersion());
  for (const m of migrations) hash.update(`${m.id}\0${m.sql}\0`);
  return hash.digest("hex").slice(0, 16);
}

/** The package's own manifest, found from its entry point (its exports do not list package.json). */
async function pgliteVersion(): Promise<string> {
  let dir = new URL(".", import.meta.resolve("@electric-sql/pglite"));
  while (dir.pathname !== "/") {
    const manifest = await readFile(new URL("package.json", dir), "utf8").catch(() => undefined);
    if (manifest) {
      const parsed = JSON.parse(manifest) as { name?: string; version?: string };
      if (parsed.name === "@electric-sql/pglite") return parsed.version ?? "unknown";
    }
    dir = new URL("..", dir);
  }
  return "unknown";
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );
