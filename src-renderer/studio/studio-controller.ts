// The Studio tab's state outside React: the datasets, the chosen one (kept
// across reloads), and the page of its samples that the search, filters and
// page number select. The back end cuts the page (listSamplePage), so opening
// a dataset of 100,000 samples moves 25 rows, not 100,000; each change of
// search, filter or page asks for the page again, and only the answer to the
// latest request is shown.
import type {
  DatasetKind,
  DatasetSummary,
  SampleFilter,
  SamplePage,
  SampleRow,
  StudioSample,
  StudioStatus,
  VerbatimApi,
} from '../../src-common/api';
import { Observable } from '../components/observable';

export type { SampleFilter, SampleRow };
export const PAGE_SIZE = 25;
/** Everyone: the person filter is off. */
export const EVERYONE = '\u0000everyone';
const STORAGE_KEY = 'verbatim.studio.dataset';

export interface StudioState {
  status: StudioStatus | null;
  datasets: DatasetSummary[];
  selected: string | null;
  /** The page of samples shown. */
  rows: SampleRow[];
  /** Samples in the chosen dataset. */
  total: number;
  /** Samples that match the search and filters. */
  matches: number;
  /** Everyone with samples in the dataset. */
  people: string[];
  query: string;
  filter: SampleFilter;
  person: string;
  /** 0-based page of the matches. */
  page: number;
  /** Undoable deletes made in this session. */
  deleted: number;
  error: string | null;
}

const EMPTY = {
  rows: [],
  total: 0,
  matches: 0,
  people: [],
  page: 0,
} satisfies Partial<StudioState>;

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
  /** The dataset version the shown page was cut from, to skip unchanged reloads. */
  private loaded: string | null = null;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private forceQueued = false;
  /** Numbers page requests: only the latest one's answer is shown. */
  private requests = 0;

  constructor(private readonly api: VerbatimApi) {
    super({
      status: null,
      datasets: [],
      selected: storage.get(),
      ...EMPTY,
      query: '',
      filter: 'all',
      person: EVERYONE,
      deleted: 0,
      error: null,
    });
  }

  get dataset(): DatasetSummary | null {
    return this.state.datasets.find((d) => d.name === this.state.selected) ?? null;
  }

  get pageCount(): number {
    return Math.max(1, Math.ceil(this.state.matches / PAGE_SIZE));
  }

  async start(): Promise<void> {
    this.api.getStudioStatus().then(
      (status) => this.update({ status }),
      () => {},
    );
    await this.refresh();
  }

  /**
   * Reloads the datasets, and the page when the chosen dataset changed on
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
      if (!d) return this.update(EMPTY);
      if (force || d.version !== this.loaded) await this.fetchPage();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Asks for the page the state describes; shows the answer unless a newer request was made. */
  private async fetchPage(): Promise<void> {
    const d = this.dataset;
    if (!d) return;
    const { query, filter, person, page } = this.state;
    const request = ++this.requests;
    const answer = await this.api.listSamplePage({
      dataset: d.name,
      query,
      filter,
      person: person === EVERYONE ? null : person,
      page,
      pageSize: PAGE_SIZE,
    });
    if (request !== this.requests || this.state.selected !== d.name) return;
    // the person chosen has no samples left: everyone's
    if (person !== EVERYONE && !answer.people.includes(person)) {
      this.update({ person: EVERYONE });
      return this.fetchPage();
    }
    this.show(d.name, answer);
  }

  private show(name: string, answer: SamplePage): void {
    const { rows, total, matches, people, page, version } = answer;
    this.loaded = version;
    // the chooser's count and version follow without listing the datasets again
    const datasets = this.state.datasets.map((d) =>
      d.name === name ? { ...d, samples: total, version } : d,
    );
    this.update({ rows, total, matches, people, page, datasets });
  }

  /** Runs a page request; its failure is shown above the list. */
  private reload(): Promise<void> {
    return this.fetchPage().catch((e: unknown) => this.fail(e));
  }

  select(name: string | null): Promise<void> {
    storage.set(name);
    this.loaded = null;
    this.update({ selected: name, ...EMPTY, query: '', person: EVERYONE, deleted: 0 });
    // one already listed needs only its page; a new one, the list of datasets too
    return this.dataset ? this.reload() : this.refresh();
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

  setQuery(query: string): Promise<void> {
    this.update({ query, page: 0 });
    return this.reload();
  }

  setFilter(filter: SampleFilter): Promise<void> {
    this.update({ filter, page: 0 });
    return this.reload();
  }

  setPerson(person: string): Promise<void> {
    this.update({ person, page: 0 });
    return this.reload();
  }

  setPage(page: number): Promise<void> {
    this.update({ page: Math.min(Math.max(0, page), this.pageCount - 1) });
    return this.reload();
  }

  /** A sample the recorder just saved joins the list (the page is asked for again). */
  added(sample: StudioSample): Promise<void> {
    const d = this.dataset;
    if (!d || sample.kind !== d.kind) return this.refresh(true);
    return this.reload();
  }

  /** Saves a label or status, then shows the page as it now is. */
  async edit(row: SampleRow, patch: { text?: string; status?: StudioSample['status'] }) {
    const d = this.dataset;
    if (!d) return;
    await this.guard(async () => {
      await this.api.updateSample({ dataset: d.name, id: row.sample.id, ...patch });
      await this.fetchPage();
    });
  }

  toggleVerified(row: SampleRow): Promise<void> {
    const s = row.sample;
    const status = s.status !== 'verified' ? 'verified' : s.text.trim() ? 'labelled' : 'unlabelled';
    return this.edit(row, { status });
  }

  async remove(row: SampleRow): Promise<void> {
    const d = this.dataset;
    if (!d) return;
    await this.guard(async () => {
      await this.api.deleteSample({ dataset: d.name, id: row.sample.id });
      this.update({ deleted: this.state.deleted + 1 });
      await this.fetchPage();
    });
  }

  async undoDelete(): Promise<void> {
    const d = this.dataset;
    if (!d) return;
    await this.guard(async () => {
      await this.api.undoDelete({ dataset: d.name });
      this.update({ deleted: Math.max(0, this.state.deleted - 1) });
      await this.fetchPage(); // the sample returns to its old place
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
}
