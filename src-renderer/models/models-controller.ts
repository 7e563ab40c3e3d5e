// The Models tab's state outside React: the installed models, what the last
// action said (message or error), and the actions themselves. Rename and
// delete report failures to the dialog that asked (the caller keeps the
// typed value) rather than to the page.
import type { AppInfo, ModelDetails, VerbatimApi } from '../../src-common/api';
import { downloadExport } from '../components/files';
import { Observable } from '../components/observable';

export interface ModelsState {
  models: ModelDetails[] | null;
  message: string;
  error: string | null;
}

export const size = (bytes: number): string =>
  bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;

export class ModelsController extends Observable<ModelsState> {
  constructor(private readonly api: VerbatimApi) {
    super({ models: null, message: '', error: null });
  }

  async refresh(): Promise<void> {
    try {
      this.update({ models: await this.api.listModelDetails() });
    } catch (e) {
      this.update({ error: (e as Error).message });
    }
  }

  makeActive(m: ModelDetails): Promise<void> {
    return this.act(async () => {
      await this.api.setActiveModel({ name: m.info.name });
      return `${m.info.name} is now the active ${m.info.role} model.`;
    });
  }

  /**
   * Exports a model: in the desktop app to where the save dialog says, in the
   * browser to VERBATIM_HOME/exports and then as a download.
   */
  export(m: ModelDetails, format: 'vbm' | 'onnx', transport: AppInfo['transport']): Promise<void> {
    return this.act(async () => {
      let out: string | null = null;
      if (transport === 'electron') {
        ({ path: out } = await this.api.chooseFile({
          mode: 'save',
          title: `Export ${m.info.name}`,
          defaultName: `${m.info.name}.${format}`,
          extensions: [format],
        }));
        if (!out) return '';
      }
      const r = await this.api.exportModel({ name: m.info.name, format, out });
      const saved = `Exported ${m.info.name} to ${r.out} (${size(r.bytes)})`;
      if (transport === 'electron') return `${saved}.`;
      return `${saved}; downloaded as ${await downloadExport(this.api, r.out)}.`;
    });
  }

  import(file: File): Promise<void> {
    return this.act(async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const d = await this.api.importModel({ fileName: file.name, bytes });
      return `Imported ${d.info.name} (${d.info.role}).`;
    });
  }

  /** Renames; a refusal is thrown to the dialog, which shows it by the field. */
  async rename(m: ModelDetails, to: string): Promise<void> {
    await this.api.renameModel({ name: m.info.name, to });
    this.update({ message: `${m.info.name} is now called ${to}.`, error: null });
    await this.refresh();
  }

  async remove(m: ModelDetails): Promise<void> {
    await this.api.deleteModel({ name: m.info.name });
    this.update({ message: `Deleted ${m.info.name}.`, error: null });
    await this.refresh();
  }

  private async act(work: () => Promise<string>): Promise<void> {
    this.update({ error: null });
    try {
      this.update({ message: await work() });
      await this.refresh();
    } catch (e) {
      this.update({ error: (e as Error).message });
    }
  }
}
