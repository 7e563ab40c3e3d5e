// Where scripts/build-native.mjs writes the native kernels addon. Like
// wasm-build-dir.ts, this file sits one folder below engine/ so the app bundle
// keeps the same relative layout: electron.vite.config.ts copies the build to
// out/node/native/build/, which is ../node/native/build/ from out/main/.
export const nativeBuildDir = new URL('../node/native/build/', import.meta.url);
