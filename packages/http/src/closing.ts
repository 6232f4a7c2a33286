import type { Context } from "hono";

/**
 * Marks the answer as the connection's last. A request refused before its body was read (too
 * large) leaves that body on the socket, where Node cannot tell it from the next request, and
 * closes the socket after answering; saying so lets the client open a new connection instead
 * of sending its next request into one being closed.
 */
export function closing<C extends Context>(c: C): C {
  c.header("Connection", "close");
  return c;
}
