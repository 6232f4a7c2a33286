import { builtinModules } from "node:module";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { build, type Plugin } from "esbuild";

/** The workers this repository builds, each from `src/workers/<name>.ts`. */
export const workerNames = ["hooks", "surveys", "bare"] as const;
export type WorkerName = (typeof workerNames)[number];

/**
 * The Workers runtime date whose behaviour the bundles expect; `nodejs_compat` is named in the ADR
 * (docs/adr/0012) with what still needs it.
 */
export const compatibilityDate = "2026-07-01";
export const compatibilityFlags = ["nodejs_compat"];

const nodeBuiltin = new RegExp(
  `^(node:)?(${builtinModules
    .filter((m) => !m.startsWith("_"))
    .join("|")
    .replaceAll("/", "\\/")})$`,
);

/**
 * Node's modules are the runtime's own under `nodejs_compat`, so they stay out of the bundle. An
 * ES import of one is left as is; a CommonJS `require` of one (pg, pino) cannot be, since an ES
 * module worker has no `require`: it becomes a small module importing the runtime's, as
 * wrangler does.
 */
const nodeBuiltins: Plugin = {
  name: "node-builtins",
  setup(b) {
    b.onResolve({ filter: nodeBuiltin }, (args) => {
      const name = args.path.replace(/^node:/, "");
      if (args.kind === "require-call") return { path: name, namespace: "node-require" };
      return { path: `node:${name}`, external: true };
    });
    b.onLoad({ filter: /.*/, namespace: "node-require" }, (args) => ({
      contents: `import builtin from "node:${args.path}"; module.exports = builtin;`,
      loader: "js",
    }));
  },
};

/**
 * Modules that read files shipped beside them, replaced in the bundles by the texts they read: an
 * isolate has no files. Each is named by its path's end and exports the same function.
 */
const inlinedFileReaders: Plugin = {
  name: "inlined-file-readers",
  setup(b) {
    b.onLoad({ filter: /services\/surveys\/src\/blind\/blind-fragments\.ts$/ }, (args) => {
      const assets = join(dirname(args.path), "assets");
      const texts = Object.fromEntries(
        readdirSync(assets)
          .filter((name) => name.endsWith(".js"))
          .map((name) => [name, readFileSync(join(assets, name), "utf8")]),
      );
      return {
        contents: `const texts = ${JSON.stringify(texts)};\nexport function blindFragment(name) { return texts[name]; }\n`,
        loader: "js",
        watchFiles: Object.keys(texts).map((name) => join(assets, name)),
      };
    });
  },
};

/** One ES module from `entry`: for workerd (the Workers runtime's builds of packages) or for Deno (their Node builds). */
async function bundle(entry: string, outfile: string, runtime: "workerd" | "deno"): Promise<void> {
  await build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    outfile,
    bundle: true,
    format: "esm",
    ...(runtime === "workerd"
      ? {
          // Browser builds where packages have them (pino), and the runtime's conditions first
          // (pg-cloudflare's socket over `cloudflare:sockets`).
          platform: "browser" as const,
          conditions: ["workerd", "worker", "browser"],
        }
      : // Deno runs Node's builds (pg over node:net, pino to stdout) under its Node compatibility.
        { platform: "node" as const, conditions: ["deno", "node"] }),
    target: "es2024",
    external: ["cloudflare:*"],
    plugins: [nodeBuiltins, inlinedFileReaders],
    logLevel: "warning",
    legalComments: "none",
  });
}

/** Bundles each worker into `outDir/<name>.js`, an ES module for workerd. */
export async function buildWorkers(outDir: string): Promise<Record<WorkerName, string>> {
  mkdirSync(outDir, { recursive: true });
  const out = {} as Record<WorkerName, string>;
  for (const name of workerNames) {
    out[name] = join(outDir, `${name}.js`);
    await bundle(`./workers/${name}.ts`, out[name], "workerd");
  }
  return out;
}

/** The entries `deno serve` runs, each from `src/deno/<name>.ts`. */
export const denoEntryNames = ["hooks", "surveys"] as const;
export type DenoEntryName = (typeof denoEntryNames)[number];

/** Bundles each Deno entry into `outDir/deno-<name>.js`. */
export async function buildDenoEntries(outDir: string): Promise<Record<DenoEntryName, string>> {
  mkdirSync(outDir, { recursive: true });
  const out = {} as Record<DenoEntryName, string>;
  for (const name of denoEntryNames) {
    out[name] = join(outDir, `deno-${name}.js`);
    await bundle(`./deno/${name}.ts`, out[name], "deno");
  }
  return out;
}

/** Durable Object classes a worker exports, each with the binding that reaches it. */
export const durableObjects: Partial<Record<WorkerName, { className: string; binding: string }[]>> = {
  hooks: [{ className: "DeliveryWriterObject", binding: "DELIVERY_WRITER" }],
};

export interface WorkerdSite {
  worker: WorkerName;
  port: number;
  /** Plain variables and secrets, as the worker's bindings. */
  bindings: Record<string, string>;
  /** Leaves the worker's Durable Objects unbound, as a deployment without them runs (default: bound). */
  withoutDurableObjects?: boolean;
}

const capnpString = (value: string) => JSON.stringify(value);

/**
 * A workerd configuration (beside the bundles, which it embeds by name) serving each site's worker on its loopback port. Outbound connections
 * (the database, through the pooler) go to the network, loopback included.
 */
export function workerdConfig(sites: readonly WorkerdSite[], bundles: Record<WorkerName, string>): string {
  const services = sites.map((site, i) => {
    const objects = site.withoutDurableObjects ? [] : (durableObjects[site.worker] ?? []);
    const bindings = [
      ...Object.entries(site.bindings).map(
        ([name, value]) => `(name = ${capnpString(name)}, text = ${capnpString(value)})`,
      ),
      ...objects.map((o) => `(name = ${capnpString(o.binding)}, durableObjectNamespace = ${capnpString(o.className)})`),
    ];
    // The objects keep nothing in storage: in memory is all they need.
    const namespaces = objects.length
      ? `durableObjectNamespaces = [${objects
          .map(
            (o) =>
              `(className = ${capnpString(o.className)}, uniqueKey = ${capnpString(`agora-w${i}-${o.className}`)})`,
          )
          .join(", ")}],
      durableObjectStorage = (inMemory = void),
      `
      : "";
    return `(name = "w${i}", worker = (
      modules = [(name = "worker.js", esModule = embed ${capnpString(basename(bundles[site.worker]))})],
      compatibilityDate = ${capnpString(compatibilityDate)},
      compatibilityFlags = [${compatibilityFlags.map(capnpString).join(", ")}],
      bindings = [${bindings.join(", ")}],
      ${namespaces}globalOutbound = "internet"
    ))`;
  });
  const sockets = sites.map(
    (site, i) => `(name = "s${i}", address = "127.0.0.1:${site.port}", http = (), service = "w${i}")`,
  );
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    ${services.join(",\n    ")},
    (name = "internet", network = (allow = ["public", "private", "local"], tlsOptions = (trustBrowserCas = true)))
  ],
  sockets = [${sockets.join(", ")}]
);
`;
}

/** Writes the bundles and a configuration serving `sites`; resolves with the configuration's path. */
export async function buildEdge(outDir: string, sites: readonly WorkerdSite[]): Promise<string> {
  const bundles = await buildWorkers(outDir);
  const configPath = join(outDir, "workerd.capnp");
  writeFileSync(configPath, workerdConfig(sites, bundles));
  return configPath;
}
