// Builds the three parts of the app into out/: the Electron main process, the
// sandboxed preload (CommonJS, dependencies bundled: a sandboxed preload can
// require nothing but electron), and the React renderer. The browser mode
// serves out/renderer too.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { cpSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The bundled engine finds the WASM kernels where engine/node/wasm-build-dir.ts
// looks for them (../kernels/wasm/build/ from out/main/), and the native kernels
// addon, when this machine built it, where engine/node/native-build-dir.ts does
// (../node/native/build/); without the addon the engine uses the WASM kernels.
const copyKernels = {
  name: 'verbatim-copy-kernels',
  writeBundle() {
    cpSync(path('./engine/kernels/wasm/build'), path('./out/kernels/wasm/build'), {
      recursive: true,
    });
    const native = path('./engine/node/native/build/verbatim-kernels.node');
    if (existsSync(native)) {
      cpSync(native, path('./out/node/native/build/verbatim-kernels.node'));
    }
  },
};

/**
 * Every module the engine starts a worker thread on or loads by URL, by the
 * name it loads it under (test/built-bundle.test.ts checks the engine names no
 * other): each is emitted as its own file.
 */
const workerModules = {
  'recognition-host': path('./engine/node/use-cases/recognition/recognition-host.ts'),
  'training-worker': path('./engine/node/runtime/training-worker.ts'),
  'speech-data-source': path('./engine/node/use-cases/training/speech-data-source.ts'),
  'ink-data-source': path('./engine/node/use-cases/training/ink-data-source.ts'),
  'symbol-task-source': path('./engine/node/runtime/symbol-task-source.ts'),
  'batch-host': path('./engine/node/batch/batch-host.ts'),
};

export default defineConfig({
  main: {
    plugins: [copyKernels],
    build: {
      outDir: path('./out/main'),
      lib: {
        entry: {
          main: path('./src-main/electron/main.ts'),
          // The engine's Node front door, for programs that drive the built engine
          // without Electron (test/built-bundle.test.ts).
          'engine-node': path('./engine/node/index.ts'),
          // engine/node/runtime/module-url.ts names these beside the code that
          // loads them, so every chunk stays flat in out/main/.
          ...workerModules,
        },
        formats: ['es'],
      },
      rolldownOptions: {
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
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
