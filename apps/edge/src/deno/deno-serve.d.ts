// What the Deno entries use of Deno's own global, typed by hand: Deno's types are not in the
// TypeScript this package compiles with, and these two are all the entries touch.
declare namespace Deno {
  const env: { toObject(): Record<string, string> };
  interface ServeHandlerInfo {
    remoteAddr: { hostname: string };
  }
}
