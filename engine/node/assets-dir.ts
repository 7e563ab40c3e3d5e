import { fileURLToPath } from 'node:url';

// The project's assets/ (shipped models, lexicons, language models). Like
// wasm-build-dir.ts, this file sits one folder below engine/ so the app bundle
// keeps the same relative layout: ../../assets/ from out/main/ is assets/ too.
export const assetsDir = fileURLToPath(new URL('../../assets/', import.meta.url));
