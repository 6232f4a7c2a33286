import path from "node:path";
import { ensurePythonTool, venvOf, type PythonTool } from "@agora/matrix/testing";

/** The scikit-learn the triage baseline runs; changing it reinstalls the cached virtualenv. */
export const SCIKIT_LEARN_VERSION = "1.9.1";

const sklearn: PythonTool = { name: "sklearn", distribution: "scikit-learn", version: SCIKIT_LEARN_VERSION };
export const SKLEARN_VENV = venvOf(sklearn);

/** The virtualenv's Python with scikit-learn at the pinned version, installed on first use. */
export async function ensureScikitLearnInstalled(): Promise<string> {
  return path.join(await ensurePythonTool(sklearn), "bin", "python");
}
