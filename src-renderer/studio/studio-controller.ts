// The Studio tab's state outside React: the datasets, the chosen one (kept
// across reloads), its samples, and the search/filter/page over them. Each
// sample's search key is lower-cased once when the samples arrive, so a
// search over 100,000 samples is one pass of `includes`; only one page of
// rows is ever rendered. Edits answered by the back end patch the local list
// instead of fetching every sample again.
import type {
  DatasetKind,
  DatasetSummary,
  StudioSample,
  StudioStatus,
  VerbatimApi,
} from '../../src-common/api';
import { Observable } from '../components/observable';
import { STUDIO_WORDS } from './studio-words';

export const PAGE_SIZE = 25;
export type SampleFilter = 'all' | 'unlabelled' | 'unverified';
/** Everyone: the person filter is off. */
export const EVERYONE = '\u0000everyone';
const STORAGE_KEY = 'verbatim.studio.dataset';

/** A sample with what the list needs precomputed. */
export interface SampleEntry {
  sample: StudioSample;
  /** 1-based place in the dataset: names rows for screen readers ("Delete sample 12"). */
  n: number;
  key: string;
  person: string;
}

export interface StudioState {
  status: StudioStatus | null;
  datasets: DatasetSummary[];
  selected: string | null;
  entries: SampleEntry[];
  people: string[];
  query: string;
  filter: SampleFilter;
  person: string;
  /** The entries that match the search and filters. */
  matches: SampleEntry[];
  /** 0-based page of `matches`. */
  page: number;
  /** Undoable deletes made in this session. */
  deleted: number;
  error: string | null;
}

const entryOf = (kind: DatasetKind) => (sample: StudioSample, i: number) => ({
  sample,
  n: i + 1,
  key: sample.text.toLowerCase(),
  person: sample[STUDIO_WORDS[kind].personField],
});

/** Storage may be missing or refused (private windows): the choice is then not remembered. */
const storage = {
  get: () => {
    try {
      return window.localStorage.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
  },
  set: (name: string | null) => {
    try {
      if (name) window.localStorage.setItem(STORAGE_KEY, name);
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // not remembered
    }
  },
};

export class StudioController extends Observable<StudioState> {
  /** The dataset version the entries were loaded at, to skip unchanged reloads. */
  private loaded: string | null = null;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private forceQueued = false;

  constructor(private readonly api: VerbatimApi) {
    super({
      status: null,
      datasets: [],
      selected: storage.get(),
      entries: [],
      people: [],
      query: '',
      filter: 'all',
      person: EVERYONE,
      matches: [],
      page: 0,
      deleted: 0,
      error: null,
    });
  }

  get dataset(): DatasetSummary | null {
    return this.state.datasets.find((d) => d.name === this.state.selected) ?? null;
  }

  get pageCount(): number {
    return Math.max(1, Math.ceil(this.state.matches.length / PAGE_SIZE));
  }

  get pageRows(): SampleEntry[] {
    const start = this.state.page * PAGE_SIZE;
    return this.state.matches.slice(start, start + PAGE_SIZE);
  }

  async start(): Promise<void> {
    this.api.getStudioStatus().then(
      (status) => this.update({ status }),
      () => {},
    );
    await this.refresh();
  }

  /**
   * Reloads the datasets, and the samples when the chosen dataset changed on
   * disk. Refreshes run one at a time; requests made meanwhile share one more.
   */
  refresh(force = false): Promise<void> {
    this.forceQueued ||= force;
    this.queued ??= this.chain = this.chain.then(() => {
      const f = this.forceQueued;
      this.forceQueued = false;
      this.queued = null;
      return this.load(f);
    });
    return this.queued;
  }

  private async load(force: boolean): Promise<void> {
    try {
      const datasets = await this.api.listDatasets();
      const selected = datasets.some((d) => d.name === this.state.selected)
        ? this.state.selected
        : null;
      this.update({ datasets, selected });
      const d = this.dataset;
      const version = d ? `${d.name}:${d.samples}:${d.version}` : null;
      if (!d) return this.setEntries([]);
      if (force || version !== this.loaded) {
        const samples = await this.api.listSamples({ dataset: d.name });
        if (this.state.selected !== d.name) return; // another dataset was chosen meanwhile
        this.loaded = version;
        this.setEntries(samples.map(entryOf(d.kind)));
      }
    } catch (e) {
      this.fail(e);
    }
  }

  select(name: string | null): Promise<void> {
    storage.set(name);
    this.loaded = null;
    this.update({ selected: name, entries: [], query: '', person: EVERYONE, page: 0, deleted: 0 });
    return this.refresh();
  }

  async create(title: string, kind: DatasetKind): Promise<boolean> {
    this.update({ error: null });
    try {
      const d = await this.api.createDataset({ name: title.trim(), kind });
      await this.select(d.name);
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  setQuery(query: string): void {
    this.update({ query, page: 0, matches: this.match({ query }) });
  }

  setFilter(filter: SampleFilter): void {
    this.update({ filter, page: 0, matches: this.match({ filter }) });
  }

  setPerson(person: string): void {
    this.update({ person, page: 0, matches: this.match({ person }) });
  }

  setPage(page: number): void {
    this.update({ page: Math.min(Math.max(0, page), this.pageCount - 1) });
  }

  /** A sample the recorder just saved joins the list without a reload. */
  added(sample: StudioSample): void {
    const d = this.dataset;
    if (!d || sample.kind !== d.kind) return void this.refresh(true);
    const entries = [...this.state.entries, entryOf(d.kind)(sample, this.state.entries.length)];
    this.setEntries(entries, this.state.page);
    this.bumpCount(1);
  }

  /** Saves a label or status; the answer replaces the sample in place. */
  async edit(
    entry: SampleEntry,
    patch: { text?: string; status?: StudioSample['status'] },
  ): Promise<void> {
    const d = this.dataset;
    if (!d) return;
    await this.guard(async () => {
      const sample = await this.api.updateSample({
        dataset: d.name,
        id: entry.sample.id,
        ...patch,
      });
      const next = { ...entry, sample, key: sample.text.toLowerCase() };
      this.setEntries(
        this.state.entries.map((e) => (e === entry ? next : e)),
        this.state.page,
      );
    });
  }

  toggleVerified(entry: SampleEntry): Promise<void> {
    const s = entry.sample;
    const status = s.status !== 'verified' ? 'verified' : s.text.trim() ? 'labelled' : 'unlabelled';
    return this.edit(entry, { status });
  }

  async remove(entry: SampleEntry): Promise<void> {
    const d = this.dataset;
    if (!d) return;
    await this.guard(async () => {
      await this.api.deleteSample({ dataset: d.name, id: entry.sample.id });
      const entries = this.state.entries
        .filter((e) => e !== entry)
        .map((e, i) => (e.n === i + 1 ? e : { ...e, n: i + 1 }));
      this.setEntries(entries, this.state.page);
      this.update({ deleted: this.state.deleted + 1 });
      this.bumpCount(-1);
    });
  }

  async undoDelete(): Promise<void> {
    const d = this.dataset;
    if (!d) return;
    await this.guard(async () => {
      await this.api.undoDelete({ dataset: d.name });
      this.update({ deleted: Math.max(0, this.state.deleted - 1) });
      await this.refresh(true); // the sample returns to its old place
    });
  }

  /** Runs a sample action; its failure is shown above the list. */
  async guard(work: () => Promise<void>): Promise<void> {
    this.update({ error: null });
    try {
      await work();
    } catch (e) {
      this.fail(e);
    }
  }

  fail(e: unknown): void {
    this.update({ error: (e as Error).message });
  }

  clearError(): void {
    this.update({ error: null });
  }

  private setEntries(entries: SampleEntry[], page = 0): void {
    const people = [...new Set(entries.map((e) => e.person))].sort();
    const person = people.includes(this.state.person) ? this.state.person : EVERYONE;
    const matches = this.match({ entries, person });
    const pages = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
    this.update({ entries, people, person, matches, page: Math.min(page, pages - 1) });
  }

  /** The entries matching the search and filters (one pass; keys are precomputed). */
  private match(
    change: Partial<Pick<StudioState, 'entries' | 'query' | 'filter' | 'person'>>,
  ): SampleEntry[] {
    const { entries, query, filter, person } = { ...this.state, ...change };
    const q = query.trim().toLowerCase();
    if (!q && filter === 'all' && person === EVERYONE) return entries;
    return entries.filter(
      (e) =>
        (!q || e.key.includes(q)) &&
        (filter === 'all' ||
          (filter === 'unlabelled'
            ? e.sample.status === 'unlabelled'
            : e.sample.status !== 'verified')) &&
        (person === EVERYONE || e.person === person),
    );
  }

  /** Keeps the dataset's count in the chooser in step without a reload. */
  private bumpCount(by: number): void {
    const name = this.state.selected;
    this.update({
      datasets: this.state.datasets.map((d) =>
        d.name === name ? { ...d, samples: d.samples + by } : d,
      ),
    });
    const d = this.dataset;
    if (d) this.loaded = `${d.name}:${d.samples}:${d.version}`;
  }
}
