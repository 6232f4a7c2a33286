export { createRoom, readRoomEvents, type RoomEvent } from "./rooms.ts";
export { startSynapse, type RegisteredUser, type TestSynapse } from "./synapse.ts";
export { ensureSynapseInstalled, SYNAPSE_VENV, SYNAPSE_VERSION } from "./synapse-install.ts";
export type { RateLimits } from "./homeserver-config.ts";
export { ensurePythonTool, venvOf, type PythonTool } from "./python-venv.ts";
