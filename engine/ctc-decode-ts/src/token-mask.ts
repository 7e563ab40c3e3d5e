import { checkInteger } from './validate.js';

/**
 * Normalises an allowed-token set to a 0/1 mask of length V with the blank
 * always allowed. Accepts a mask (Uint8Array or boolean array of length V) or
 * a list of token indices.
 */
export function toTokenMask(
  name: string,
  allowed: ArrayLike<number | boolean> | Iterable<number>,
  V: number,
  blank: number,
): Uint8Array {
  const mask = new Uint8Array(V);
  if (
    allowed instanceof Uint8Array ||
    (Array.isArray(allowed) && typeof allowed[0] === 'boolean')
  ) {
    const m = allowed as ArrayLike<number | boolean>;
    if (m.length !== V) throw new RangeError(`${name} has length ${m.length}, expected V = ${V}`);
    for (let k = 0; k < V; k++) mask[k] = m[k] ? 1 : 0;
  } else {
    let i = 0;
    for (const k of allowed as Iterable<number>) {
      checkInteger(`${name}[${i++}]`, k, 0, V - 1);
      mask[k] = 1;
    }
  }
  mask[blank] = 1;
  return mask;
}
