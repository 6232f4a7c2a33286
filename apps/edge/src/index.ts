export {
  buildDenoEntries,
  buildEdge,
  buildWorkers,
  denoEntryNames,
  durableObjects,
  type DenoEntryName,
  workerdConfig,
  workerNames,
  compatibilityDate,
  compatibilityFlags,
  type WorkerName,
  type WorkerdSite,
} from "./build.ts";
export { startDeno, type DenoSite } from "./deno.ts";
export { freePort, startChild, type Child } from "./child.ts";
export { startPgbouncer, type Pgbouncer } from "./pgbouncer.ts";
export { startWorkerd } from "./workerd.ts";
