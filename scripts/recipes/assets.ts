/** Writing the shipped models' entries and metrics into assets/. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../engine/io/write-atomic';
import { assetsDir } from '../../engine/io/model-store';

export interface AssetModel {
  name: string;
  role: 'speech' | 'digits' | 'letters' | 'words';
  file: string;
  lm?: string;
  lexicon?: string;
  charset?: string;
  description: string;
}

/** Adds or replaces a model in assets/models.json. */
export function registerAssetModel(model: AssetModel): void {
  const file = join(assetsDir, 'models.json');
  const manifest: { models: AssetModel[] } = existsSync(file)
    ? JSON.parse(readFileSync(file, 'utf8'))
    : { models: [] };
  manifest.models = [...manifest.models.filter((m) => m.name !== model.name), model];
  const order = ['speech', 'digits', 'letters', 'words'];
  manifest.models.sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  writeFileAtomic(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Writes a text asset (LM, lexicon, metrics) under assets/. */
export function writeAsset(relative: string, text: string): string {
  const path = join(assetsDir, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileAtomic(path, text);
  return path;
}
