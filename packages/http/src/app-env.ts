import type { Logger } from "pino";

/** What every request carries: the service's dependencies, its id, and a logger bound to it. */
export interface AppEnv<Deps> {
  Variables: {
    deps: Deps;
    requestId: string;
    logger: Logger;
  };
}
