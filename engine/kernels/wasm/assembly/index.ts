// Entry point of the WASM kernels module (built by scripts/build-wasm.mjs).
// Memory is imported (shared, growable) and managed by the TypeScript loader
// in ../wasm-kernels.ts; everything here works on caller-owned byte addresses.
export { adamUpdate } from './adam';
export { gemm, gemmWorkFloats } from './gemm';
export { lstmCellForward, lstmCellBackward } from './lstm';
export { lstmSequenceForward, lstmSequenceWorkFloats } from './lstm-sequence';
export {
  lstmSequenceTrainBackward,
  lstmSequenceTrainForward,
  lstmTrainWorkFloats,
} from './lstm-train';

/** First byte the loader may hand out (after the module's static data). */
export function heapBase(): usize {
  return __heap_base;
}

/** Whether this is the relaxed-SIMD build (fused multiply-add in gemm). */
export function relaxedSimd(): bool {
  return ASC_FEATURE_RELAXED_SIMD;
}
export {
  int8Gemm,
  int8GemmWorkBytes,
  lstmSequenceForwardInt8,
  lstmSequenceInt8WorkBytes,
} from './int8';
