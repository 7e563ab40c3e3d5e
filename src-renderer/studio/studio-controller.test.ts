import { beforeEach, describe, expect, it } from 'vitest';
import type { DatasetSummary, StudioSample, VerbatimApi } from '../../src-common/api';
import { EVERYONE, PAGE_SIZE, StudioController } from './studio-controller';

const sample = (i: number): StudioSample => ({
  id: `s${i}`,
  kind: 'speech',
  text: i % 3 === 0 ? `Seven ${i}` : `one ${i}`,
  status: i % 2 ? 'verified' : 'labelled',
  speaker: i % 4 ? 'ann' : 'bo',
  writer: '',
  duration: 1,
  created: '',
  file: '',
});

function fakeApi(n: number) {
  let samples = Array.from({ length: n }, (_, i) => sample(i));
  const summary = (): DatasetSummary => ({
    name: 'big',
    title: 'Big set',
    kind: 'speech',
    samples: samples.length,
    created: '',
    dir: '',
    version: String(samples.length),
  });
  const calls = { listSamples: 0 };
  const api = {
    getStudioStatus: async () => ({ recovered: [] }),
    listDatasets: async () => [summary()],
    listSamples: async () => (calls.listSamples++, samples),
    updateSample: async ({ id, text }: { id: string; text?: string }) => {
      const s = { ...samples.find((x) => x.id === id)!, text: text ?? '' };
      samples = samples.map((x) => (x.id === id ? s : x));
      return s;
    },
    deleteSample: async ({ id }: { id: string }) => {
      const s = samples.find((x) => x.id === id)!;
      samples = samples.filter((x) => x !== s);
      return s;
    },
  } as unknown as VerbatimApi;
  return { api, calls };
}

const store = new Map<string, string>();
beforeEach(() => {
  store.clear();
  Object.assign(globalThis, {
    window: {
      localStorage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => store.set(k, v),
        removeItem: (k: string) => store.delete(k),
      },
    },
  });
});

describe('StudioController', () => {
  it('pages, searches case-insensitively and filters by status and person', async () => {
    const c = new StudioController(fakeApi(10_000).api);
    await c.select('big');
    expect(c.state.entries).toHaveLength(10_000);
    expect(c.pageRows).toHaveLength(PAGE_SIZE);
    expect(c.pageCount).toBe(10_000 / PAGE_SIZE);
    c.setPage(3);
    expect(c.pageRows[0]!.n).toBe(3 * PAGE_SIZE + 1);
    c.setQuery('seVEN');
    expect(c.state.page).toBe(0);
    expect(c.state.matches).toHaveLength(3334);
    c.setFilter('unverified');
    expect(c.state.matches.every((e) => e.sample.status !== 'verified')).toBe(true);
    c.setPerson('bo');
    expect(c.state.matches.every((e) => e.person === 'bo' && e.key.includes('seven'))).toBe(true);
    expect(c.state.people).toEqual(['ann', 'bo']);
    c.setPerson(EVERYONE);
    c.setPage(10_000);
    expect(c.state.page).toBe(c.pageCount - 1);
  });

  it('remembers the chosen dataset and patches edits without reloading every sample', async () => {
    const { api, calls } = fakeApi(60);
    const c = new StudioController(api);
    await c.select('big');
    expect(new StudioController(api).state.selected).toBe('big');
    const first = c.pageRows[0]!;
    await c.edit(first, { text: 'Forty two' });
    c.setQuery('forty');
    expect(c.state.matches.map((e) => e.sample.id)).toEqual([first.sample.id]);
    c.setQuery('');
    await c.remove(c.pageRows[1]!);
    expect(c.state.entries.map((e) => e.n).slice(0, 3)).toEqual([1, 2, 3]);
    expect(c.state.deleted).toBe(1);
    expect(c.state.datasets[0]!.samples).toBe(59);
    expect(calls.listSamples).toBe(1);
    await c.refresh(); // the delete changed the dataset's version: one reload
    expect(calls.listSamples).toBe(2);
    await c.refresh(); // unchanged since: none

    expect(calls.listSamples).toBe(2);
  });
});
