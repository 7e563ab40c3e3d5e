// A big speech dataset written as the store writes one (dataset.json +
// manifest.jsonl, no audio files): studio-scale.spec.ts shows 2,600 of them,
// test/perf/studio-open.ts times opening 100,000.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const SPEAKERS = ['george', 'jackson', 'lucas', 'nicolas', 'theo', 'yweweler'];

/**
 * Writes `samples` samples into VERBATIM_HOME `home` as dataset "fsdd-copy"
 * (title "FSDD copy"): sample i says WORDS[i % 10] WORDS[⌊i / 10⌋ % 10] (the
 * first one a long label), by SPEAKERS[i % 6], verified when i % 3 is 0.
 */
export function writeScaleDataset(home: string, samples: number): void {
  const dir = join(home, 'datasets', 'fsdd-copy');
  mkdirSync(join(dir, 'audio'), { recursive: true });
  writeFileSync(
    join(dir, 'dataset.json'),
    JSON.stringify({ kind: 'speech', created: '2026-12-01T00:00:00Z', title: 'FSDD copy' }),
  );
  const lines = Array.from({ length: samples }, (_, i) =>
    JSON.stringify({
      id: `clip-${i}`,
      audio_filepath: `audio/clip-${i}.wav`,
      duration: 0.4 + (i % 7) / 10,
      // one long label: cut, never widening the table
      text:
        i === 0
          ? 'seven three '.repeat(30).trim()
          : `${WORDS[i % 10]} ${WORDS[Math.floor(i / 10) % 10]}`,
      speaker: SPEAKERS[i % SPEAKERS.length],
      status: i % 3 ? 'labelled' : 'verified',
      created: '2026-12-01T00:00:00Z',
    }),
  );
  writeFileSync(join(dir, 'manifest.jsonl'), `${lines.join('\n')}\n`);
}
