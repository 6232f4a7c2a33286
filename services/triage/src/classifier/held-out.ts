import { groupBy } from "./group-by.ts";
import { mulberry32, shuffleInPlace } from "./sgd.ts";

/**
 * A stratified, seeded slice of the training bugs for model selection and calibration: `share` of
 * each SIG's bugs, at least one of a SIG with three or more, none of a SIG with fewer (it could not
 * be learned without them). Undefined when fewer than 30 bugs would be held out: too few to choose on.
 */
export function heldOutSplit(
  y: Int32Array,
  share: number,
  seed: number,
): { fit: number[]; check: number[] } | undefined {
  if (share <= 0) return undefined;
  const byLabel = groupBy(y.keys(), (i) => y[i]!);
  const random = mulberry32(seed);
  const check = new Set<number>();
  for (const members of byLabel.values()) {
    if (members.length < 3) continue;
    shuffleInPlace(members, random);
    const count = Math.max(1, Math.round(members.length * share));
    for (const m of members.slice(0, count)) check.add(m);
  }
  if (check.size < 30) return undefined;
  const fit = [...y.keys()].filter((i) => !check.has(i));
  return { fit, check: [...check].sort((a, b) => a - b) };
}

/**
 * Stratified, seeded folds for cross-fitting the calibration: each SIG's bugs shuffled and dealt round
 * the folds in turn; a SIG with fewer than three bugs is in none (always trained on, as above).
 */
export function calibrationFolds(y: Int32Array, folds: number, seed: number): number[][] {
  const byLabel = groupBy(y.keys(), (i) => y[i]!);
  const random = mulberry32(seed);
  const out = Array.from({ length: folds }, (): number[] => []);
  let next = 0;
  for (const label of [...byLabel.keys()].sort((a, b) => a - b)) {
    const members = byLabel.get(label)!;
    if (members.length < 3) continue;
    shuffleInPlace(members, random);
    for (const m of members) out[next++ % folds]!.push(m);
  }
  return out.map((f) => f.sort((a, b) => a - b));
}
