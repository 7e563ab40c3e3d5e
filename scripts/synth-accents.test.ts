import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../engine/index';
import { readAudioFile } from '../engine/node/index';
import { planDigitWords } from './synth-accents';
import { availableEngines, requestHash, synthesize, type SynthEngine } from './synth-speech';

const hasEspeak = availableEngines().includes('espeak-ng');
if (!hasEspeak) console.warn('synth-accents.test: espeak-ng not installed — synthesis skipped');
const dir = mkdtempSync(join(tmpdir(), 'accents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('accented digit words', () => {
  it('plans every digit, half of them respelled for foreign voices, reproducibly', () => {
    // Planning runs no synthesiser: it works whatever is installed.
    const engines: SynthEngine[] = ['espeak-ng', 'flite'];
    const plan = planDigitWords(40, seededRandom(1), engines);
    expect(planDigitWords(40, seededRandom(1), engines)).toEqual(plan);
    expect(new Set(plan.map((r) => r.text)).size).toBe(10);
    const accented = plan.filter((r) => r.spoken !== undefined);
    expect(accented).toHaveLength(20);
    for (const r of accented) {
      expect(r.engine).toBe('espeak-ng');
      expect(r.voice).not.toMatch(/^en/);
      expect(r.spoken).not.toBe(r.text);
    }
    // The respelling is part of the cache key: the same voice reading the plain word differs.
    const [first] = accented;
    expect(requestHash(first)).not.toBe(requestHash({ ...first, spoken: undefined }));
  });

  it.skipIf(!hasEspeak)('synthesises a respelled word under its English transcript', async () => {
    const request = planDigitWords(2, seededRandom(2))[0];
    const { entries, failures } = await synthesize([request], { outDir: dir });
    expect(failures).toEqual([]);
    expect(entries[0].text).toBe('zero');
    expect(entries[0]).not.toHaveProperty('synth.spoken');
    expect(readAudioFile(entries[0].audio_filepath).samples.length).toBeGreaterThan(1600);
  });
});
