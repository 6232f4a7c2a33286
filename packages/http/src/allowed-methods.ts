import type { RouterRoute } from "hono/types";
import { TrieRouter } from "hono/router/trie-router";

/**
 * The methods some route answers at a path, for a 405 and its `Allow` header (RFC 9110 §15.5.6).
 * The routes are matched by a router of Hono's own, so a path counts as known exactly when the
 * app's router would match it; middleware (method `ALL`) makes no path known.
 */
export function allowedMethodsOf(routes: () => readonly RouterRoute[]): (path: string) => string[] {
  // Built on first use: services mount their groups after the frame is made, and Hono takes
  // no routes once it has answered a request.
  let built: { router: TrieRouter<string>; methods: string[] } | undefined;
  const current = () => {
    if (!built) {
      const router = new TrieRouter<string>();
      const methods = new Set<string>();
      for (const route of routes()) {
        if (route.method === "ALL") continue;
        router.add(route.method, route.path, route.method);
        methods.add(route.method);
      }
      built = { router, methods: [...methods] };
    }
    return built;
  };
  return (path) => {
    const { router, methods } = current();
    const allowed = methods.filter((method) => router.match(method, path)[0].length > 0);
    if (allowed.length === 0) return [];
    // Hono answers HEAD with the GET route, and the frame answers OPTIONS on every known path.
    if (allowed.includes("GET")) allowed.push("HEAD");
    allowed.push("OPTIONS");
    return allowed;
  };
}
