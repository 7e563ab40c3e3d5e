/**
 * Shape of a padded, time-major batch: element (t, b, c) of a [T, B, C] array is
 * at (t·B + b)·C + c. Sequence b is valid for t < lengths[b]; everything at or
 * beyond its length is padding, which never influences valid outputs or gradients.
 */
export interface SequenceShape {
  T: number;
  B: number;
  lengths: Int32Array;
}

/** Zeroes the rows of `buf` ([B, width] for one time step t) whose sequence has ended before t. */
export function zeroPaddedRows(
  buf: Float32Array,
  t: number,
  seq: SequenceShape,
  width: number,
): void {
  const { B, lengths } = seq;
  for (let b = 0; b < B; b++) {
    if (t >= lengths[b]) buf.fill(0, b * width, (b + 1) * width);
  }
}

/** y[r, :] += bias for each of `rows` rows of width `n`. */
export function addBiasRows(y: Float32Array, rows: number, n: number, bias: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) y[o + j] += bias[j];
  }
}

/** gBias[j] += Σ_r dy[r, j]. */
export function accumulateColumnSums(
  dy: Float32Array,
  rows: number,
  n: number,
  gBias: Float32Array,
): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) gBias[j] += dy[o + j];
  }
}
