/**
 * Runs `classify` over `items` one at a time for `seconds`, after a warm-up pass (the JIT and the
 * garbage left by training), as routing a bug does it; the milliseconds per item and items per second.
 */
export function timePerItem<T>(
  seconds: number,
  items: readonly T[],
  classify: (item: T) => unknown,
): { msPerItem: number; perSecond: number } {
  for (const item of items) classify(item);
  let n = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    for (const item of items) classify(item);
    n += items.length;
  }
  const ms = performance.now() - started;
  return { msPerItem: ms / n, perSecond: (n / ms) * 1000 };
}
