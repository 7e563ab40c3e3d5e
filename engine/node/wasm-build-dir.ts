// Where scripts/build-wasm.mjs writes the two builds of the WASM kernels module.
// This file sits one folder below engine/ so the app bundle keeps the same
// relative layout: electron.vite.config.ts copies the builds to
// out/kernels/wasm/build/, which is ../kernels/wasm/build/ from out/main/.
export const wasmBuildDir = new URL('../kernels/wasm/build/', import.meta.url);
