/** Numerically stable log-space arithmetic with -Infinity guards (log 0 = -Infinity). */

/** log(exp(a) + exp(b)) without overflow; exact when either side is -Infinity. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
