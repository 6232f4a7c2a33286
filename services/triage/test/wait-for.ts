import { vi } from "vitest";

/**
 * Reads until `done` holds, polling as vitest's `vi.waitFor` does; the error names the last value
 * read, which is what a failing asynchronous test most needs to show.
 */
export function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean, options: { timeout?: number; interval?: number } = {}): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await read();
      if (!done(value)) throw new Error(`still waiting; last value: ${JSON.stringify(value)}`);
      return value;
    },
    { timeout: options.timeout ?? 20_000, interval: options.interval ?? 50 },
  );
}
