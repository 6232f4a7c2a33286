// CI runs this before the tests, so that parallel test files find Synapse installed.
import { ensureSynapseInstalled } from "./synapse-install.ts";

await ensureSynapseInstalled();
