import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rng } from '../../util/rng';

/** One example as a data source produces it: features [T, F] row-major and its target. */
export interface DataItem {
  x: Float32Array;
  T: number;
  target: Int32Array;
}

/**
 * Training or validation data as each worker sees it. Workers build their own
 * examples, so featurisation and augmentation run in parallel.
 */
export interface DataSource {
  readonly size: number;
  /** Approximate frame count of item i, cheap (no featurisation): used for length-bucketed batches. */
  frames(i: number): number;
  /** Item i. Training passes an rng for augmentation (seeded per item and step); validation passes null. */
  item(i: number, rng: Rng | null): DataItem | Promise<DataItem>;
}

/**
 * Where a data source comes from: an ES module (file URL or absolute path; .ts
 * works) exporting `createDataSource(config)`, and its JSON config. Each worker
 * imports the module and calls that function once.
 */
export interface DataSourceSpec {
  module: string | URL;
  config?: unknown;
}

/** The function a data source module exports. */
export type CreateDataSource = (config: unknown) => DataSource | Promise<DataSource>;

/** Imports a data source module and instantiates it, checking its shape. */
export async function loadDataSource(spec: {
  module: string;
  config?: unknown;
}): Promise<DataSource> {
  const mod = (await import(spec.module)) as { createDataSource?: unknown };
  if (typeof mod.createDataSource !== 'function') {
    throw new TypeError(
      `data source module ${spec.module} must export a function createDataSource(config) returning { size, frames(i), item(i, rng) }`,
    );
  }
  const source = (await (mod.createDataSource as CreateDataSource)(
    spec.config,
  )) as Partial<DataSource>;
  if (
    !source ||
    !Number.isInteger(source.size) ||
    (source.size as number) < 0 ||
    typeof source.frames !== 'function' ||
    typeof source.item !== 'function'
  ) {
    throw new TypeError(
      `createDataSource of ${spec.module} returned ${describe(source)}; expected { size: integer ≥ 0, frames(i), item(i, rng) }`,
    );
  }
  return source as DataSource;
}

/** Checks one item against the network's input size, naming the source and index. */
export function checkItem(item: DataItem, index: number, inputSize: number, where: string): void {
  const ok =
    item !== null &&
    typeof item === 'object' &&
    item.x instanceof Float32Array &&
    Number.isInteger(item.T) &&
    item.T >= 1 &&
    item.x.length === item.T * inputSize &&
    item.target instanceof Int32Array;
  if (!ok) {
    const got =
      item && typeof item === 'object'
        ? `x of ${item.x?.length} values, T=${item.T}, target ${item.target?.constructor?.name}`
        : String(item);
    throw new TypeError(
      `${where} item ${index}: expected { x: Float32Array of T·${inputSize} values, T ≥ 1, target: Int32Array }, got ${got}`,
    );
  }
  const bad = item.x.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new RangeError(
      `${where} item ${index}: feature ${bad % inputSize} of frame ${Math.floor(bad / inputSize)} is ${item.x[bad]}; check the feature extraction`,
    );
  }
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return `an object with keys [${Object.keys(value).join(', ')}]`;
}

/** Module specifier for a data source: URLs stay as they are, absolute paths become file URLs. */
export function dataSourceHref(module: string | URL): string {
  if (module instanceof URL) return module.href;
  if (isAbsolute(module)) return pathToFileURL(module).href;
  if (/^(file|data):/.test(module)) return module;
  throw new TypeError(`data source module must be a file URL or an absolute path, got "${module}"`);
}
