/** A confidence (0 to 1) as notes, rooms and pages show it: `0.856` is `86%`. */
export const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

/**
 * A count's share of a whole: `sharePercent(99, 100)` is `99%`. Floored, so that a SIG with one
 * mistake never reads 100%.
 */
export const sharePercent = (part: number, whole: number): string => `${Math.floor((100 * part) / whole)}%`;
