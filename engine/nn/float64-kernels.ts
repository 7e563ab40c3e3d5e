import type { Kernels } from '../kernels/kernels';
import { referenceKernels } from '../kernels/reference';

/**
 * The reference kernels running on Float64Array storage: the double-precision
 * path for finite-difference gradient checks. Layer code only indexes arrays,
 * takes subarrays and calls kernels, and every buffer comes from `alloc`, so a
 * Network built with these kernels computes in float64 end to end while the
 * production path stays Float32. Not for training: it is slow and its arrays
 * are Float64Array despite the static type.
 */
export const float64Kernels: Kernels = {
  ...referenceKernels,
  name: 'reference-float64',
  alloc: (length) => new Float64Array(length) as unknown as Float32Array,
};
