import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestSchemas, type SampleFilter, type StudioSample } from './api';
import { indexSamples, samplePage, type PageQuery } from './sample-page';

const sample = (i: number, kind: StudioSample['kind'] = 'speech'): StudioSample => ({
  id: `s${i}`,
  kind,
  text: i % 3 === 0 ? `Seven ${i}` : i % 5 === 0 ? '' : `one ${i}`,
  status: i % 5 === 0 ? 'unlabelled' : i % 2 ? 'verified' : 'labelled',
  speaker: kind === 'speech' && i % 4 ? 'ann' : kind === 'speech' ? 'bo' : '',
  writer: kind === 'ink' ? (i % 4 ? 'cy' : '') : '',
  duration: 1,
  created: '',
  file: '',
});
const query = (q: Partial<PageQuery> = {}): PageQuery => {
  const { dataset: _, ...rest } = requestSchemas.listSamplePage.parse({ dataset: 'd', ...q });
  return rest;
};

describe('samplePage', () => {
  const index = indexSamples(
    'speech',
    Array.from({ length: 1000 }, (_, i) => sample(i)),
  );
  const info = (s: StudioSample) => s;

  it('pages the whole dataset, rows numbered by their place in it', () => {
    const page = samplePage(index, query({ page: 3 }), 'v1', info);
    expect(page).toMatchObject({ total: 1000, matches: 1000, page: 3, version: 'v1' });
    expect(page.people).toEqual(['ann', 'bo']);
    expect(page.rows.map((r) => r.n)).toEqual(Array.from({ length: 25 }, (_, i) => 76 + i));
    expect(page.rows[0]).toEqual({ sample: sample(75), n: 76, person: 'ann' });
    // past the end: the last page
    expect(samplePage(index, query({ page: 1000 }), 'v1', info)).toMatchObject({ page: 39 });
    expect(samplePage(index, query({ page: 1000 }), 'v1', info).rows).toHaveLength(25);
  });

  it('searches labels in any case, filters by status and person', () => {
    const seven = samplePage(index, query({ query: '  seVEN ' }), 'v', info);
    expect(seven.matches).toBe(334);
    expect(seven.rows.every((r) => r.sample.text.startsWith('Seven'))).toBe(true);
    const page = samplePage(
      index,
      query({ query: 'seven', filter: 'unverified', person: 'bo', pageSize: 500 }),
      'v',
      info,
    );
    expect(page.rows.length).toBe(page.matches);
    expect(
      page.rows.every(
        (r) => r.person === 'bo' && r.sample.status !== 'verified' && /seven/i.test(r.sample.text),
      ),
    ).toBe(true);
    expect(samplePage(index, query({ filter: 'unlabelled' }), 'v', info).matches).toBe(200);
    const none = samplePage(index, query({ query: 'nothing like it' }), 'v', info);
    expect([none.matches, none.page, none.rows]).toEqual([0, 0, []]);
  });

  it("names an ink sample's writer as its person", () => {
    const ink = indexSamples('ink', [sample(1, 'ink'), sample(4, 'ink')]);
    expect(ink.people).toEqual(['', 'cy']);
    expect(samplePage(ink, query({ person: '' }), 'v', info).rows.map((r) => r.n)).toEqual([2]);
  });

  it('gives the same rows as filtering the list and slicing it', () => {
    const filters: SampleFilter[] = ['all', 'unlabelled', 'unverified'];
    fc.assert(
      fc.property(
        fc.string({ maxLength: 3 }),
        fc.constantFrom(...filters),
        fc.constantFrom(null, 'ann', 'bo', 'nobody'),
        fc.nat(60),
        fc.integer({ min: 1, max: 60 }),
        (q, filter, person, page, pageSize) => {
          const got = samplePage(
            index,
            query({ query: q, filter, person, page, pageSize }),
            'v',
            info,
          );
          const want = index.samples
            .map((sample, i) => ({ sample, n: i + 1, person: index.persons[i] }))
            .filter(
              ({ sample: s, person: p }) =>
                s.text.toLowerCase().includes(q.trim().toLowerCase()) &&
                (filter === 'all' ||
                  (filter === 'unlabelled'
                    ? s.status === 'unlabelled'
                    : s.status !== 'verified')) &&
                (person === null || p === person),
            );
          const last = Math.max(0, Math.ceil(want.length / pageSize) - 1);
          expect(got.matches).toBe(want.length);
          expect(got.page).toBe(Math.min(page, last));
          expect(got.rows).toEqual(want.slice(got.page * pageSize, (got.page + 1) * pageSize));
        },
      ),
      { numRuns: 200 },
    );
  });
});
