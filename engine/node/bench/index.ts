// The benchmark suite's front door (`verbatim bench`, `npm run bench`). It is
// separate from engine/node/index.ts because it loads the bench models, meyda
// and onnxruntime, which nothing else should load at start-up.
export {
  meets,
  REQUIREMENTS,
  runBench,
  type BenchOptions,
  type BenchReport,
  type RequiredFigure,
} from './bench-suite';
export { formatBenchTable } from './bench-table';
