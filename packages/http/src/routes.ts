import { OpenAPIHono, type Hook } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.ts";
import { AppError, describeZodError } from "./errors.ts";

/** Turns a failed zod validation into the error envelope, naming each field. */
// Typed loosely on purpose: the same hook serves route groups of every env.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const validationHook: Hook<unknown, any, string, unknown> = (result) => {
  if (!result.success) {
    throw new AppError(
      "validation_failed",
      describeZodError(result.error, result.target === "json" ? "body" : result.target),
    );
  }
};

/**
 * A group of routes of one resource, mounted with `app.route()`. Every such group gets the
 * same validation hook, so a bad body reads the same in every service.
 */
export function newRoutes<Deps>(): OpenAPIHono<AppEnv<Deps>> {
  return new OpenAPIHono<AppEnv<Deps>>({ defaultHook: validationHook });
}
