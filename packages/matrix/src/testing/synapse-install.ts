import path from "node:path";
import { ensurePythonTool, venvOf, type PythonTool } from "./python-venv.ts";

/** The Synapse the tests run against; changing it reinstalls the cached virtualenv. */
export const SYNAPSE_VERSION = "1.163.2";

const synapse: PythonTool = { name: "synapse", distribution: "matrix-synapse", version: SYNAPSE_VERSION };
/** Shared by every package's tests and by CI, so Synapse is installed once per machine. */
export const SYNAPSE_VENV = venvOf(synapse);

/** The virtualenv's Python, with Synapse installed at the pinned version. */
export async function ensureSynapseInstalled(): Promise<string> {
  return path.join(await ensurePythonTool(synapse), "bin", "python");
}
