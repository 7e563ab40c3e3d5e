import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerbatimEvent } from '../../src-common/api';
import { validateRequest } from '../dispatch';
import { openDataset, writeWavFile } from '../../engine/node/index';
import { useTempHome } from '../../engine/node/test-support/index';
import { createEventBus } from './event-bus';
import { createFileService } from './files';
import { createStudioService } from './studio';
import { createTrainingService } from './training';

useTempHome('studio-svc-');

const tone = (n: number, f = 440) =>
  Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin((2 * Math.PI * f * i) / 16000));

function setup() {
  const events = createEventBus();
  const seen: VerbatimEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const next = (type: VerbatimEvent['type']) =>
    new Promise<VerbatimEvent>((resolve) => {
      const off = events.subscribe((e) => {
        if (e.type === type) {
          off();
          resolve(e);
        }
      });
    });
  return { events, seen, next, studio: createStudioService({ events }) };
}

describe('studio service', () => {
  it('records in chunks, re-records, edits, deletes with undo and exports NeMo', async () => {
    const { studio, next } = setup();
    const h = studio.handlers;
    await h.createDataset({ name: 'voice', kind: 'speech' });
    const args = (text: string, replaceId: string | null = null) =>
      validateRequest('startRecording', { dataset: 'voice', text, speaker: 'me', replaceId });
    const { recordingId } = await h.startRecording(args('one'));
    await h.pushRecording({ recordingId, samples: tone(8000) });
    expect((await h.pushRecording({ recordingId, samples: tone(8000) })).seconds).toBe(1);
    const first = await h.stopRecording({ recordingId });
    expect(first).toMatchObject({ text: 'one', status: 'labelled', duration: 1, speaker: 'me' });
    const again = await h.startRecording(args('one', first.id));
    await h.pushRecording({ recordingId: again.recordingId, samples: tone(4000) });
    const retake = await h.stopRecording({ recordingId: again.recordingId });
    expect((await h.listSamples({ dataset: 'voice' })).map((s) => s.id)).toEqual([retake.id]);
    const audio = await h.getSampleAudio({ dataset: 'voice', id: retake.id });
    expect([audio.sampleRate, Buffer.from(audio.pcm16, 'base64').length]).toEqual([16000, 8000]);

    await h.updateSample({ dataset: 'voice', id: retake.id, text: 'won', status: 'verified' });
    await h.deleteSample({ dataset: 'voice', id: retake.id });
    expect(await h.listSamples({ dataset: 'voice' })).toEqual([]);
    expect((await h.undoDelete({ dataset: 'voice' }))?.text).toBe('won');

    const done = next('task');
    const { out } = await h.exportDataset(
      validateRequest('exportDataset', { dataset: 'voice', format: 'nemo' }),
    );
    expect(await done).toMatchObject({ state: 'done' });
    const line = JSON.parse(readFileSync(out, 'utf8').trim());
    expect(line).toMatchObject({ text: 'won', duration: 0.25, speaker: 'me' });
    await expect(h.listSamples({ dataset: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('pages the samples matching a search and filters, at the version on disk', async () => {
    const h = setup().studio.handlers;
    await h.createDataset({ name: 'paged', kind: 'speech' });
    const ds = openDataset('paged');
    for (const [text, who] of [
      ['one', 'ann'],
      ['Seven', 'bo'],
      ['seven one', 'ann'],
    ] as const)
      ds.addAudio(tone(1600), text, who);
    const page = (q: object) =>
      h.listSamplePage(validateRequest('listSamplePage', { dataset: 'paged', ...q }));
    const first = await page({ query: 'SEVEN', pageSize: 1 });
    expect(first).toMatchObject({ total: 3, matches: 2, page: 0, people: ['ann', 'bo'] });
    expect(first.rows.map((r) => [r.n, r.sample.text, r.person])).toEqual([[2, 'Seven', 'bo']]);
    expect((await page({ query: 'seven', person: 'ann', page: 5 })).rows[0]!.n).toBe(3);
    const [summary] = (await h.listDatasets({})).filter((d) => d.name === 'paged');
    expect(first.version).toBe(summary!.version);
    await h.updateSample({ dataset: 'paged', id: first.rows[0]!.sample.id, status: 'verified' });
    const after = await page({ filter: 'unverified' });
    expect([after.matches, after.version === first.version]).toEqual([2, false]);
    await expect(page({ dataset: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('removes an upload once imported, and says so when it is imported again', async () => {
    const { studio, next } = setup();
    const h = studio.handlers;
    await h.createDataset({ name: 'uploaded', kind: 'speech' });
    const local = mkdtempSync(join(tmpdir(), 'studio-upload-'));
    writeWavFile(join(local, 'a.wav'), tone(4000), 16000);
    const upload = await createFileService().handlers.uploadFiles(
      validateRequest('uploadFiles', {
        files: [
          { path: 'clips/a.wav', bytes: readFileSync(join(local, 'a.wav')) },
          { path: 'clips/a.txt', bytes: new TextEncoder().encode('three') },
        ],
      }),
    );
    const source = join(upload.dir, 'clips');
    const done = next('task');
    await h.importDataset({ dataset: 'uploaded', format: 'wav-folder', source });
    expect(await done).toMatchObject({
      state: 'done',
      message: expect.stringMatching(/Imported 1 /),
    });
    expect(existsSync(upload.dir)).toBe(false);
    await expect(
      h.importDataset({ dataset: 'uploaded', format: 'wav-folder', source }),
    ).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/already imported.*upload them again/),
    });
    await expect(
      h.importDataset({ dataset: 'uploaded', format: 'wav-folder', source: join(local, 'gone') }),
    ).rejects.toMatchObject({ message: `${join(local, 'gone')} does not exist.` });
    rmSync(local, { recursive: true, force: true });
  });

  it('names datasets as people do (spaces allowed) and keeps a safe id for calls', async () => {
    const h = setup().studio.handlers;
    const created = await h.createDataset(
      validateRequest('createDataset', { name: '  Anna reads digits ', kind: 'speech' }),
    );
    expect(created).toMatchObject({ name: 'Anna-reads-digits', title: 'Anna reads digits' });
    expect((await h.listDatasets({})).find((d) => d.title === 'Anna reads digits')?.name).toBe(
      'Anna-reads-digits',
    );
    expect(await h.listSamples({ dataset: created.name })).toEqual([]);
    expect(() => validateRequest('createDataset', { name: 'a/b', kind: 'ink' })).toThrow(
      /except slashes/,
    );
    await expect(h.createDataset({ name: 'anna READS digits', kind: 'ink' })).rejects.toMatchObject(
      { code: 'bad-request', message: expect.stringMatching(/exists/) },
    );
  });

  it('recovers a take cut off by a crash when the next service starts', async () => {
    const { studio } = setup();
    await studio.handlers.createDataset({ name: 'crash', kind: 'speech' });
    const { recordingId } = await studio.handlers.startRecording(
      validateRequest('startRecording', { dataset: 'crash', text: 'left' }),
    );
    await studio.handlers.pushRecording({ recordingId, samples: tone(16000) });
    // no stop, no dispose: the process "dies"
    const after = setup().studio;
    const status = await after.handlers.getStudioStatus({});
    expect(status.recovered).toEqual([
      { dataset: 'crash', id: expect.any(String), text: 'left', seconds: 1 },
    ]);
    expect(openDataset('crash').samples()).toHaveLength(1);
  });

  it('fine-tunes nothing without data and trains a tiny fresh model with events', async () => {
    const { events, next, studio } = setup();
    const ds = await studio.handlers.createDataset({ name: 'tiny', kind: 'speech' });
    const dataset = openDataset(ds.name);
    for (const [f, t] of [
      [300, 'a'],
      [900, 'b'],
      [300, 'a'],
      [900, 'b'],
    ] as const)
      dataset.addAudio(tone(6400, f), t, f === 300 ? 'x' : 'y');
    const training = createTrainingService({ events });
    await expect(
      training.handlers.startTraining(validateRequest('startTraining', { kind: 'speech' })),
    ).rejects.toMatchObject({ code: 'bad-request' });
    const finished = next('training.done');
    const epoch = next('training.epoch');
    await training.handlers.startTraining(
      validateRequest('startTraining', {
        kind: 'speech',
        datasets: ['tiny'],
        fresh: { cell: 'rnn', layers: 1, hidden: 8, bidirectional: false },
        epochs: 1,
        batchSize: 2,
        validFraction: 0.5,
      }),
    );
    expect(await epoch).toMatchObject({ epoch: 1, valid: { cer: expect.any(Number) } });
    const done = await finished;
    expect(done).toMatchObject({ state: 'finished', model: expect.stringMatching(/^speech-/) });
  }, 60_000);
});
