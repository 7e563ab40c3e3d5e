/**
 * Rebuilds the handwritten-words character LM from the shipped lexicon and
 * registers it with the ink-words model (train-ink.ts --model words does the
 * same at the end of its run).
 *
 *   npx tsx scripts/build-ink-char-lm.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir } from '../engine/io/model-store';
import { assetModel, registerAssetModel } from './recipes/assets';
import { writeInkCharLm } from './recipes/ink-char-lm';

const entry = assetModel('ink-words');
if (!entry?.lexicon) {
  console.error(
    'no ink-words model with a lexicon in assets/models.json: run npm run train:ink -- --model words',
  );
  process.exit(1);
}
const words = readFileSync(join(assetsDir, entry.lexicon), 'utf8').split('\n').filter(Boolean);
const charLm = writeInkCharLm(words).file;
registerAssetModel({ ...entry, charLm });
console.log(`assets/${charLm}: character LM over ${words.length} words`);
