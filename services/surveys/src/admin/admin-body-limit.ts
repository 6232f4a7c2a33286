import { AppError, closing } from "@agora/http";
import { bodyLimit } from "hono/body-limit";

/**
 * Largest admin body: a survey of 200 questions with long texts in several languages stays far
 * below it, and a mistaken upload (a log file, a data dump) is refused before it is parsed.
 */
export const ADMIN_BODY_LIMIT = 2 * 1024 * 1024;

export function adminBodyLimit() {
  return bodyLimit({
    maxSize: ADMIN_BODY_LIMIT,
    onError: (c) => {
      closing(c);
      throw new AppError("payload_too_large", `body: larger than the limit of ${ADMIN_BODY_LIMIT} bytes`);
    },
  });
}
