/**
 * The URL of the module `name` in the same folder as `base` (an import.meta.url),
 * with base's own extension: `.ts` when the engine runs from source through
 * tsx, `.js` in the built app, where electron.vite.config.ts emits every worker
 * and data-source module as its own file in out/main/ beside the code that
 * names it.
 */
export function siblingModule(name: string, base: string): URL {
  const ext = base.match(/\.[cm]?[jt]s$/)?.[0] ?? '.js';
  return new URL(`./${name}${ext}`, base);
}
