import path from "node:path";
import { ensurePythonTool, venvOf, type PythonTool } from "@agora/matrix/testing";

/** The Schemathesis the API document test runs; changing it reinstalls the cached virtualenv. */
export const SCHEMATHESIS_VERSION = "4.32.5";

const schemathesis: PythonTool = { name: "schemathesis", distribution: "schemathesis", version: SCHEMATHESIS_VERSION };
/** Beside .cache/synapse-venv, so the machine keeps it between runs. */
export const SCHEMATHESIS_VENV = venvOf(schemathesis);

/** The virtualenv's `schemathesis` command, installed at the pinned version. */
export async function ensureSchemathesisInstalled(): Promise<string> {
  return path.join(await ensurePythonTool(schemathesis), "bin", "schemathesis");
}
