/** Softmax of `s` in place, stable against large scores; `temperature` > 1 flattens it (calibration). */
export function softmaxInPlace(s: Float64Array | Float32Array, temperature = 1): void {
  let max = -Infinity;
  for (const v of s) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < s.length; c++) sum += s[c] = Math.exp((s[c]! - max) / temperature);
  for (let c = 0; c < s.length; c++) s[c]! /= sum;
}
