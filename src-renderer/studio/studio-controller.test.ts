import { beforeEach, describe, expect, it } from 'vitest';
import {
  requestSchemas,
  type ApiRequest,
  type DatasetSummary,
  type StudioSample,
  type VerbatimApi,
} from '../../src-common/api';
import { indexSamples, samplePage } from '../../src-common/sample-page';
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

/** A back end holding one dataset "big" of n samples; it pages with the real samplePage. */
function fakeApi(n: number) {
  let samples = Array.from({ length: n }, (_, i) => sample(i));
  let version = 1;
  const summary = (): DatasetSummary => ({
    name: 'big',
    title: 'Big set',
    kind: 'speech',
    samples: samples.length,
    created: '',
    dir: '',
    version: String(version),
  });
  const requests: ApiRequest<'listSamplePage'>[] = [];
  const listings = { count: 0 };
  /** Answers wait for this promise (to answer requests out of order). */
  let gate: Promise<unknown> = Promise.resolve();
  const change = (next: StudioSample[]) => ((samples = next), version++);
  const api = {
    getStudioStatus: async () => ({ recovered: [] }),
    listDatasets: async () => (listings.count++, [summary()]),
    listSamplePage: async (request: ApiRequest<'listSamplePage'>) => {
      requests.push(request);
      const { dataset: _, ...query } = requestSchemas.listSamplePage.parse(request);
      const answer = samplePage(indexSamples('speech', samples), query, String(version), (s) => s);
      await gate;
      return answer;
    },
    updateSample: async ({ id, text }: { id: string; text?: string }) => {
      const s = { ...samples.find((x) => x.id === id)!, text: text ?? '' };
      change(samples.map((x) => (x.id === id ? s : x)));
      return s;
    },
    deleteSample: async ({ id }: { id: string }) => {
      const s = samples.find((x) => x.id === id)!;
      change(samples.filter((x) => x !== s));
      return s;
    },
  } as unknown as VerbatimApi;
  return {
    api,
    requests,
    listings,
    hold: (until: Promise<unknown>) => (gate = until),
    change,
    get samples() {
      return samples;
    },
  };
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
  it('asks the back end for one page: search, filters by status and person, page', async () => {
    const { api, requests } = fakeApi(10_000);
    const c = new StudioController(api);
    await c.select('big');
    expect([c.state.total, c.state.matches, c.state.rows.length]).toEqual([10_000, 10_000, 25]);
    expect(requests).toEqual([
      { dataset: 'big', query: '', filter: 'all', person: null, page: 0, pageSize: PAGE_SIZE },
    ]);
    expect(c.pageCount).toBe(10_000 / PAGE_SIZE);
    await c.setPage(3);
    expect(c.state.rows[0]!.n).toBe(3 * PAGE_SIZE + 1);
    await c.setQuery('seVEN');
    expect([c.state.page, c.state.matches]).toEqual([0, 3334]);
    await c.setFilter('unverified');
    expect(c.state.rows.every((r) => r.sample.status !== 'verified')).toBe(true);
    await c.setPerson('bo');
    expect(requests.at(-1)).toMatchObject({ query: 'seVEN', filter: 'unverified', person: 'bo' });
    expect(c.state.rows.every((r) => r.person === 'bo' && /seven/i.test(r.sample.text))).toBe(true);
    expect(c.state.people).toEqual(['ann', 'bo']);
    await c.setPerson(EVERYONE);
    await c.setPage(10_000);
    expect(c.state.page).toBe(c.pageCount - 1);
  });

  it('shows only the answer to the latest request', async () => {
    const fake = fakeApi(100);
    const c = new StudioController(fake.api);
    await c.select('big');
    let answerSlowOne!: () => void;
    fake.hold(new Promise<void>((r) => (answerSlowOne = r)));
    const slow = c.setQuery('seven');
    fake.hold(Promise.resolve());
    await c.setQuery('seven 9');
    expect(c.state.matches).toBe(5); // 9, 90, 93, 96, 99
    answerSlowOne();
    await slow;
    expect([c.state.query, c.state.matches]).toEqual(['seven 9', 5]); // not 'seven' (34)
  });

  it('remembers the chosen dataset; edits and deletes show the page as it then is', async () => {
    const fake = fakeApi(60);
    const c = new StudioController(fake.api);
    await c.select('big');
    expect(new StudioController(fake.api).state.selected).toBe('big');
    const first = c.state.rows[0]!;
    await c.edit(first, { text: 'Forty two' });
    expect(c.state.rows[0]!.sample.text).toBe('Forty two');
    await c.setQuery('forty');
    expect(c.state.rows.map((r) => r.sample.id)).toEqual([first.sample.id]);
    await c.setQuery('');
    await c.remove(c.state.rows[1]!);
    expect(c.state.rows.map((r) => r.n).slice(0, 3)).toEqual([1, 2, 3]);
    expect([c.state.deleted, c.state.total, c.state.datasets[0]!.samples]).toEqual([1, 59, 59]);
    // choosing a dataset already listed asks only for its page
    const listed = fake.listings.count;
    await c.select(null);
    await c.select('big');
    expect([fake.listings.count - listed, c.state.total]).toEqual([1, 59]); // 1: for null
    const asked = fake.requests.length;
    await c.refresh(); // the page already shows this version: nothing is asked again
    expect(fake.requests.length).toBe(asked);
    fake.change(fake.samples.slice(1)); // changed elsewhere (the CLI)
    await c.refresh();
    expect([fake.requests.length, c.state.total]).toEqual([asked + 1, 58]);
  });

  it("goes back to everyone's samples when the chosen person has none left", async () => {
    const fake = fakeApi(8);
    const c = new StudioController(fake.api);
    await c.select('big');
    await c.setPerson('bo');
    expect(c.state.matches).toBe(2);
    fake.change(fake.samples.filter((s) => s.speaker !== 'bo'));
    await c.refresh();
    expect([c.state.person, c.state.matches, c.state.people]).toEqual([EVERYONE, 6, ['ann']]);
  });
});
