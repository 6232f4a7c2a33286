export interface WaitForOptions {
  /** What is awaited, for the error when it never comes. */
  what?: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Reads until `done` accepts the value, and returns it; fails after `timeoutMs` naming what was
 * awaited and the last value read, which is what a failing test of asynchronous work most needs
 * to show. Every test kit of the project waits on the database or the queue through this.
 *
 * @example
 * // Until the job is in the dead letters; else, after the timeout, an error naming it.
 * const letters = await waitFor(() => queue.deadLetters(job), (l) => l.some((letter) => letter.jobId === id), {
 *   what: `job ${id} dead-lettered`,
 * });
 */
export async function waitFor<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  options: WaitForOptions = {},
): Promise<T> {
  const { what = "the condition", timeoutMs = 30_000, intervalMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: gave up after ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
