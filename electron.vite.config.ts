// Builds the three parts of the app into out/: the Electron main process, the
// sandboxed preload (CommonJS, dependencies bundled: a sandboxed preload can
// require nothing but electron), and the React renderer. The browser mode
// serves out/renderer too.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The bundled recognition worker finds the WASM kernels where
// engine/node/wasm-build-dir.ts looks for them: ../kernels/wasm/build/ from out/main/.
const copyWasmKernels = {
  name: 'verbatim-copy-wasm-kernels',
  writeBundle() {
    cpSync(path('./engine/kernels/wasm/build'), path('./out/kernels/wasm/build'), {
      recursive: true,
    });
  },
};

export default defineConfig({
  main: {
    plugins: [copyWasmKernels],
    build: {
      outDir: path('./out/main'),
      lib: {
        entry: {
          main: path('./src-main/electron/main.ts'),
          // The recognition worker threads' module, emitted as its own file.
          'recognition-host': path('./engine/node/use-cases/recognition/recognition-host.ts'),
        },
        formats: ['es'],
      },
      rolldownOptions: { output: { entryFileNames: '[name].js' } },
    },
  },
  preload: {
    build: {
      outDir: path('./out/preload'),
      externalizeDeps: false,
      lib: { entry: path('./src-main/electron/preload.ts') },
      rolldownOptions: { output: { format: 'cjs', entryFileNames: 'preload.cjs' } },
    },
  },
  renderer: {
    root: path('./src-renderer'),
    plugins: [react()],
    build: {
      outDir: path('./out/renderer'),
      minify: true,
      // A local desktop app: one bundle is fine.
      chunkSizeWarningLimit: 1500,
      rolldownOptions: { input: path('./src-renderer/index.html') },
    },
    worker: { format: 'es' },
  },
});
