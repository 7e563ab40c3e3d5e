import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    // Tests run the package from source; the app and CLI use its built dist.
    alias: {
      'ctc-decode-ts': fileURLToPath(
        new URL('./engine/ctc-decode-ts/src/index.ts', import.meta.url),
      ),
    },
  },
  test: {
    include: [
      'engine/**/*.test.ts',
      'src-common/**/*.test.ts',
      'src-main/**/*.test.ts',
      'src-renderer/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Generous: the learning tests take seconds alone but share 2 cores with every other file.
    testTimeout: 180_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
