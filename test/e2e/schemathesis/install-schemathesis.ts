// CI runs this before the tests, so that the API document test does not wait on pip.
import { ensureSchemathesisInstalled } from "./schemathesis-install.ts";

await ensureSchemathesisInstalled();
