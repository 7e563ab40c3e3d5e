/**
 * Boundary checks shared by every public entry point. Each error names the
 * argument, what was expected and what was received, so callers can fix the
 * call without reading the source.
 */

export function checkInteger(name: string, value: number, min: number, max = Infinity): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`${name} must be an integer, got ${String(value)}`);
  }
  if (value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${name} must be ${range}, got ${value}`);
  }
}

export function checkNumber(name: string, value: number): void {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`${name} must be a number, got ${String(value)}`);
  }
}

export function checkFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${name} must be a finite number, got ${String(value)}`);
  }
}

/**
 * Checks a row-major [rows, V] matrix of log-probabilities: a Float32Array or
 * Float64Array of at least rows*V values (only that prefix is read), no NaN
 * and no +Infinity.
 */
export function checkLogProbs(
  name: string,
  logProbs: ArrayLike<number>,
  rows: number,
  V: number,
  shape: string,
): void {
  if (!(logProbs instanceof Float32Array) && !(logProbs instanceof Float64Array)) {
    throw new TypeError(`${name} must be a Float32Array ${shape} of log-probabilities`);
  }
  const n = rows * V;
  if (logProbs.length < n) {
    throw new RangeError(
      `${name} has ${logProbs.length} values, expected ${shape} = ${n} (row-major)`,
    );
  }
  for (let i = 0; i < n; i++) {
    const x = logProbs[i];
    if (x !== x || x === Infinity) {
      const row = Math.floor(i / V);
      throw new RangeError(
        `${name}[${i}] (row ${row}, column ${i - row * V}) is ${x}; expected finite log-probabilities (log-softmax output) or -Infinity`,
      );
    }
  }
}

/** Checks a label sequence: integers in [0, V) other than blank. */
export function checkTarget(
  name: string,
  target: ArrayLike<number>,
  V: number,
  blank: number,
): void {
  if (target === null || typeof target !== 'object' || typeof target.length !== 'number') {
    throw new TypeError(`${name} must be an array of label indices`);
  }
  for (let i = 0; i < target.length; i++) {
    const k = target[i];
    if (!Number.isInteger(k) || k < 0 || k >= V) {
      throw new RangeError(`${name}[${i}] = ${k} is not a label index in [0, ${V})`);
    }
    if (k === blank) {
      throw new RangeError(
        `${name}[${i}] is the blank index ${blank}; targets must not contain blank`,
      );
    }
  }
}

/**
 * The checks of a single-sequence call on logProbs [T, V] with a target:
 * T, V and blank in range, finite log-probabilities, a target of labels.
 */
export function checkSequenceArgs(
  logProbs: ArrayLike<number>,
  T: number,
  V: number,
  target: ArrayLike<number>,
  blank: number,
): void {
  checkInteger('T', T, 0);
  checkInteger('V', V, 1);
  checkInteger('options.blank', blank, 0, V - 1);
  checkLogProbs('logProbs', logProbs, T, V, `[T=${T}, V=${V}]`);
  checkTarget('target', target, V, blank);
}
