import type { MiddlewareHandler } from "hono";
import { AppError } from "./errors.ts";

/**
 * Refuses a body of another media type with a 415 that says what to send; placed before a JSON
 * route's validator, whose own answer to such a body is a bare "Unsupported Media Type".
 */
export function jsonBodyOnly(): MiddlewareHandler {
  return async (c, next) => {
    const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json")
      throw new AppError("unsupported_media_type", "body: send JSON with Content-Type: application/json");
    await next();
  };
}
