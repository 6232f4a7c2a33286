import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildWorkers, compatibilityDate, durableObjects, workerdConfig } from "../src/index.ts";

// That the bundles run is the end-to-end tests' (test/e2e/edge-*.test.ts); here, what they hold.
describe("the edge bundles", () => {
  it("import only the runtime's modules, and leave out what the intake never calls", async () => {
    const bundles = await buildWorkers(mkdtempSync(join(tmpdir(), "agora-edge-build-")));
    for (const path of Object.values(bundles)) {
      const text = readFileSync(path, "utf8");
      const specifiers = new Set([...text.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]));
      for (const specifier of specifiers) expect(specifier, path).toMatch(/^(node|cloudflare):/);
      // An ES module worker has no require: every CommonJS require of a built-in became an import.
      // pg's optional native binding is required only if `pg.native` is read, which Agora never does.
      const requires = [...text.matchAll(/\b__require\("([^"]+)"\)/g)].map((m) => m[1]);
      expect(
        requires.filter((name) => name !== "pg-native"),
        path,
      ).toEqual([]);
    }
    const hooks = readFileSync(bundles.hooks, "utf8");
    // Marked free of side effects, the packages bring only what the intake uses: no pg-boss, no PGlite, no pino-pretty.
    expect(hooks).not.toMatch(/class PgBoss\b/);
    expect(hooks).not.toMatch(/PGlite/);
    expect(hooks).not.toMatch(/prettyFactory/);
  });

  it("writes a workerd config that embeds each bundle beside it and passes bindings as text", () => {
    const config = workerdConfig(
      [{ worker: "hooks", port: 18080, bindings: { GITLAB_WEBHOOK_SECRET: 'a "quoted" \\ secret' } }],
      { hooks: "/tmp/out/hooks.js", surveys: "/tmp/out/surveys.js", bare: "/tmp/out/bare.js" },
    );
    expect(config).toContain('esModule = embed "hooks.js"');
    expect(config).toContain('(name = "GITLAB_WEBHOOK_SECRET", text = "a \\"quoted\\" \\\\ secret")');
    expect(config).toContain('address = "127.0.0.1:18080"');
    expect(config).toContain(`compatibilityDate = "${compatibilityDate}"`);
    // The intake's writer object, bound by name and kept in memory.
    expect(config).toContain('(name = "DELIVERY_WRITER", durableObjectNamespace = "DeliveryWriterObject")');
    expect(config).toContain('durableObjectNamespaces = [(className = "DeliveryWriterObject"');
    expect(config).toContain("durableObjectStorage = (inMemory = void)");
  });

  it("leaves the Durable Objects out when a site asks to write on a connection per request", () => {
    const config = workerdConfig([{ worker: "hooks", port: 18080, bindings: {}, withoutDurableObjects: true }], {
      hooks: "/tmp/out/hooks.js",
      surveys: "/tmp/out/surveys.js",
      bare: "/tmp/out/bare.js",
    });
    expect(config).not.toContain("durableObject");
  });

  it("declares in the Cloudflare deployment the Durable Objects the worker exports and workerd binds", async () => {
    const bundles = await buildWorkers(mkdtempSync(join(tmpdir(), "agora-edge-build-")));
    const wrangler = readFileSync(new URL("../../../infra/edge/hooks/wrangler.toml", import.meta.url), "utf8");
    for (const { className, binding } of durableObjects.hooks ?? []) {
      expect(readFileSync(bundles.hooks, "utf8")).toMatch(new RegExp(`export \\{[^}]*\\b${className}\\b`));
      expect(wrangler).toContain(`name = "${binding}"\nclass_name = "${className}"`);
      expect(wrangler).toMatch(new RegExp(`new_sqlite_classes = \\[[^\\]]*"${className}"`));
    }
  });
});
