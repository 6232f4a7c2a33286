/**
 * `list[i]` for an index worked out from the list's own layout: a cell of a flat table of counts,
 * the total after its parts, a bin's position. A miss is a bug in that layout, so it is thrown
 * where it happens instead of being carried on as undefined (or NaN) into published results.
 */
export function itemAt<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new RangeError(`no item at ${i} of ${list.length}`);
  return item;
}
