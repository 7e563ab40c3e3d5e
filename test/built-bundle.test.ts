// The packaged app trains and recognizes. `npm run build`'s out/main/,
// out/kernels/ and out/node/ (the native kernels, when built) are copied into a folder of their own with the package's
// node_modules, assets and package.json beside them (what a packaged app
// holds; no engine sources), and test/built-bundle/train-and-recognize.mjs
// drives that built engine in plain Node (the Electron binary cannot be
// downloaded here): a tiny ink model trained in the built training workers,
// read back in the built recognition host, and a few speech training steps.
// out/ is rebuilt first when a source of the main bundle is newer than it.
import { execFile, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const outMain = join(root, 'out', 'main');

/** Newest modification time of the files below `path` (node_modules, dist and out skipped). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let t = 0;
  for (const entry of readdirSync(path)) {
    if (entry !== 'node_modules' && entry !== 'dist') t = Math.max(t, newest(join(path, entry)));
  }
  return t;
}

/**
 * The modules the engine loads by URL, by name: those named with siblingModule('name', …)
 * or (data)sourceModule('name'), and those exporting their own URL (`export const xUrl =
 * import.meta.url`) for a worker pool or trainer; test fixtures and the bench aside.
 */
function modulesNamedInEngine(dir = join(root, 'engine', 'node')): string[] {
  const names = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['fixtures', 'bench', 'test-support'].includes(entry.name))
        modulesNamedInEngine(path).forEach((n) => names.add(n));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(/(?:siblingModule|[sS]ourceModule)\('([\w-]+)'/g)) {
        names.add(m[1]);
      }
      if (/export const \w+Url = (?:new URL\()?import\.meta\.url/.test(text))
        names.add(entry.name.slice(0, -'.ts'.length));
    }
  }
  return [...names].sort();
}

const engineModules = modulesNamedInEngine();
const expected = ['main', 'engine-node', ...engineModules].map((n) => join(outMain, `${n}.js`));

const pkg = mkdtempSync(join(tmpdir(), 'verbatim-built-'));
afterAll(() => rmSync(pkg, { recursive: true, force: true }));

beforeAll(() => {
  const built = Math.min(
    ...expected.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)),
    newest(join(root, 'engine', 'ctc-decode-ts', 'dist')),
  );
  const sources = Math.max(
    ...['engine', 'src-main', 'src-common', 'electron.vite.config.ts', 'package.json'].map((p) =>
      newest(join(root, p)),
    ),
  );
  if (sources > built) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0)
      throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  }
  mkdirSync(join(pkg, 'out'));
  for (const part of ['main', 'kernels', 'node'])
    if (existsSync(join(root, 'out', part)))
      cpSync(join(root, 'out', part), join(pkg, 'out', part), { recursive: true });
  cpSync(join(root, 'package.json'), join(pkg, 'package.json'));
  for (const shared of ['node_modules', 'assets'])
    symlinkSync(join(root, shared), join(pkg, shared));
}, 300_000);

describe('the built out/ bundle', () => {
  it('holds every worker and data-source module the engine loads by URL', () => {
    expect(engineModules).toEqual(
      expect.arrayContaining([
        'batch-host',
        'ink-data-source',
        'recognition-host',
        'speech-data-source',
        'training-worker',
      ]),
    );
    for (const file of expected) expect(existsSync(file), file).toBe(true);
  });

  it('loads no worker entry (which starts hosting when imported in a thread) into another thread', () => {
    // Shared code may sit in an entry chunk; only the main thread's entries may import a
    // worker entry, else e.g. a training worker would start hosting recognition objects.
    const workerEntries = ['recognition-host.js', 'training-worker.js', 'batch-host.js'];
    const imports = (file: string) =>
      [
        ...readFileSync(join(outMain, file), 'utf8').matchAll(
          /(?:from|import) ?"\.\/([\w-]+\.js)"/g,
        ),
      ].map((m) => m[1]);
    const reachable = (file: string, seen = new Set<string>()): Set<string> => {
      for (const next of imports(file)) if (!seen.has(next)) reachable(next, seen.add(next));
      return seen;
    };
    for (const file of readdirSync(outMain).filter((f) => f.endsWith('.js'))) {
      if (file === 'main.js' || file === 'engine-node.js') continue;
      const loaded = [...reachable(file)].filter((f) => workerEntries.includes(f));
      expect({ file, loaded }).toEqual({ file, loaded: [] });
    }
  });

  it('uses the native kernels when this machine built them, else the WASM ones', async () => {
    const nativeBuilt = existsSync(
      join(root, 'engine', 'node', 'native', 'build', 'verbatim-kernels.node'),
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(join(pkg, 'out', 'main', 'engine-node.js'))}); console.log(m.loadBestKernels().name)`,
      ],
      { cwd: pkg },
    );
    expect(stdout.trim()).toMatch(nativeBuilt ? /^native-avx2$/ : /^wasm-/);
  });

  it('trains a tiny model and recognizes with it in plain Node, away from the sources', async () => {
    const work = join(pkg, 'work');
    mkdirSync(work);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(root, 'test', 'built-bundle', 'train-and-recognize.mjs'),
        join(pkg, 'out', 'main'),
        work,
      ],
      { cwd: pkg },
    );
    const run = JSON.parse(stdout);
    expect(run.trained).toMatchObject({ steps: 240, epochs: 80 });
    expect(run.trained.bytes).toBeGreaterThan(0);
    expect(run.speech).toEqual({ steps: 2, epochs: 1, train: 4 });
    expect(run.registered).toMatchObject({ name: 'built-bundle-digits', role: 'digits' });
    expect(run.recognitionHost).toBe(`file://${join(pkg, 'out', 'main', 'recognition-host.js')}`);
    expect(run.results).toHaveLength(6);
    for (const r of run.results) expect(r.text).toBe(r.reference);
  });
});
