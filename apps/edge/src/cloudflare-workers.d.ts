// The part of the Workers runtime's own module this repository uses, typed by hand: the
// published @cloudflare/workers-types declares the whole platform as globals, which clash
// with Node's types that the rest of the package compiles against.
declare module "cloudflare:workers" {
  /** A Durable Object: one instance per id, alive between requests; its public methods are called over RPC. */
  export abstract class DurableObject<Env = unknown> {
    protected readonly ctx: unknown;
    protected readonly env: Env;
    constructor(ctx: unknown, env: Env);
  }
}
