// The Studio's list, cut where the samples are: search (any case), filters by
// status and person, and one page of the result. The back end keeps a
// SampleIndex per dataset version (lower-cased labels computed once), so a
// page of 100,000 samples is one pass of `includes` and only its rows are
// made into StudioSamples and travel.
import type { ApiArgs, DatasetKind, SamplePage, SampleStatus, StudioSample } from './api';

/** Which field of a sample names its person, per kind of dataset. */
export const PERSON_FIELD = {
  speech: 'speaker',
  ink: 'writer',
} as const satisfies Record<DatasetKind, 'speaker' | 'writer'>;

/** What the index reads of a sample: a StudioSample, or a line of a dataset's manifest. */
export interface IndexedSample {
  text: string;
  status: SampleStatus;
  speaker?: string;
  writer?: string;
}

export interface SampleIndex<S extends IndexedSample> {
  samples: readonly S[];
  /** Lower-cased labels. */
  keys: readonly string[];
  persons: readonly string[];
  /** Everyone with samples, sorted. */
  people: readonly string[];
}

export function indexSamples<S extends IndexedSample>(
  kind: DatasetKind,
  samples: readonly S[],
): SampleIndex<S> {
  const keys = samples.map((s) => s.text.toLowerCase());
  const persons = samples.map((s) => s[PERSON_FIELD[kind]] ?? '');
  return { samples, keys, persons, people: [...new Set(persons)].sort() };
}

export type PageQuery = Omit<ApiArgs<'listSamplePage'>, 'dataset'>;

/** The page `query` asks for; `info` makes a row's sample (only the page's are made). */
export function samplePage<S extends IndexedSample>(
  index: SampleIndex<S>,
  query: PageQuery,
  version: string,
  info: (sample: S) => StudioSample,
): SamplePage {
  const { samples, keys, persons } = index;
  const q = query.query.trim().toLowerCase();
  const { filter, person } = query;
  const matching: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    const status = samples[i]!.status;
    if (
      (!q || keys[i]!.includes(q)) &&
      (filter === 'all' ||
        (filter === 'unlabelled' ? status === 'unlabelled' : status !== 'verified')) &&
      (person === null || persons[i] === person)
    )
      matching.push(i);
  }
  const pages = Math.max(1, Math.ceil(matching.length / query.pageSize));
  const page = Math.min(query.page, pages - 1);
  const rows = matching
    .slice(page * query.pageSize, (page + 1) * query.pageSize)
    .map((i) => ({ sample: info(samples[i]!), n: i + 1, person: persons[i]! }));
  return {
    rows,
    total: samples.length,
    matches: matching.length,
    page,
    people: [...index.people],
    version,
  };
}
