// The Dictate view with Chromium's fake microphone playing real speech (two
// AN4 utterances of speakers the shipped model never heard; support/
// speech-clip.ts): the level meter moves, the audio streams to the back end,
// partial text shows live and the Transcript ends up with the spoken words.
import { statSync } from 'node:fs';
import { inverseNormalizeText } from '../../engine/index';
import { decodeWire } from '../../src-common/api-wire';
import { cannedDictation, cannedWord, downloaded } from './support/canned-dictation';
import { fakeMicLaunchOptions } from './support/fake-mic';
import { expect, test } from './support/fixtures';
import { shipsModel } from './support/models';
import { fakeMicWav, utteranceWav } from './support/paths';
import { an4Clip, FAKE_MIC_UTTERANCES } from './support/speech-clip';

const hasSpeechModel = shipsModel('speech');
const speech = an4Clip(FAKE_MIC_UTTERANCES);

test.use({ launchOptions: fakeMicLaunchOptions({ loop: false }) });

const sentSeconds = async (text: string | null) =>
  Number(/Sent ([\d.]+) s/.exec(text ?? '')?.[1] ?? 0);

test('dictation captures the microphone and streams it to the back end', async ({ page }) => {
  await page.goto('/');
  const status = page.getByTestId('capture-status');
  const meter = page.getByRole('meter', { name: 'Input level' });
  await expect(meter).toHaveAttribute('aria-valuenow', '0');
  // Speech lifts the meter well above the room noise (0 %, −70 dBFS). Its level
  // changes from word to word, so the page records the highest reading (of
  // whichever meter element React renders).
  await page.evaluate(() => {
    const w = window as unknown as { peak: number };
    w.peak = 0;
    new MutationObserver((changes) => {
      for (const { target } of changes) {
        const el = target as Element;
        if (el.getAttribute('role') === 'meter')
          w.peak = Math.max(w.peak, Number(el.getAttribute('aria-valuenow')));
      }
    }).observe(document.body, {
      attributes: true,
      attributeFilter: ['aria-valuenow'],
      subtree: true,
    });
  });

  await page.getByRole('button', { name: 'Start dictation' }).click();
  await expect(page.getByRole('button', { name: 'Stop dictation' })).toBeVisible();
  if (!hasSpeechModel) {
    await expect(page.getByRole('alert')).toContainText('No speech model is installed yet');
  }

  await expect
    .poll(() => page.evaluate(() => (window as unknown as { peak: number }).peak))
    .toBeGreaterThan(30);
  await expect.poll(async () => sentSeconds(await status.textContent())).toBeGreaterThan(1);

  await page.getByRole('button', { name: 'Stop dictation' }).click();
  await expect(status).toContainText('Stopped. Sent');
  await expect(page.getByRole('button', { name: 'Start dictation' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Live text' })).toHaveAttribute(
    'aria-live',
    'polite',
  );
});

test.describe('real speech', () => {
  // Seen once in ~15 runs under a load average of 12 on 2 cores: a garbled
  // transcript while the same model reads the same file right outside the
  // browser, most likely audio the timer-paced fake microphone or the capture
  // worklet lost while starved of CPU. One retry absorbs that; a wrong model still fails.
  test.describe.configure({ retries: 1 });

  test('dictating real speech: live partial text, then the spoken words in the Transcript', async ({
    page,
  }, testInfo) => {
    test.skip(!hasSpeechModel, 'no speech model is shipped yet (assets/models.json)');
    test.skip(
      !speech,
      'the AN4 data is not available (VERBATIM_DATA_DIR): the microphone plays a tone',
    );
    await page.goto('/');
    const live = page.getByRole('region', { name: 'Live text' });
    const transcript = page.getByRole('textbox', { name: 'Transcript' });
    // Every change of Live text, with the Transcript at that moment.
    await live.evaluate(
      (region, textbox) => {
        const seen: { live: string; transcript: string }[] = [];
        (window as unknown as { seen: typeof seen }).seen = seen;
        new MutationObserver(() =>
          seen.push({
            live: region.textContent ?? '',
            transcript: (textbox as HTMLTextAreaElement).value,
          }),
        ).observe(region, { childList: true, subtree: true, characterData: true });
      },
      await transcript.elementHandle(),
    );

    await page.getByRole('button', { name: 'Start dictation' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    // as written with "Write numbers as digits" on: "enter five three four three" → enter 5343
    const [first, second] = speech!.utterances.map(inverseNormalizeText);
    const said = (text: string) => new RegExp(text.replace(/ /g, '\\s+'), 'i');
    await expect(transcript).toHaveValue(said(first!), { timeout: 15_000 });
    await expect(transcript).toHaveValue(said(`${first} ${second}`), { timeout: 15_000 });
    const seen = await page.evaluate(
      () => (window as unknown as { seen: { live: string; transcript: string }[] }).seen,
    );
    // Partial text of the first utterance showed before anything reached the Transcript.
    expect(seen.some((s) => s.live.trim() !== '' && s.transcript === '')).toBe(true);

    await page.getByRole('button', { name: 'Stop dictation' }).click();
    await expect(page.getByTestId('capture-status')).toContainText('Stopped. Sent');
    await expect(transcript).toHaveValue(said(`${first} ${second}`));
    const words = page.getByRole('list', { name: 'Recognized words and their timings' });
    await expect(words.getByRole('listitem')).toHaveCount(`${first} ${second}`.split(' ').length);
    const screenshot = testInfo.outputPath('dictate-view.png');
    await page.screenshot({ path: screenshot });
    await testInfo.attach('dictate-view', { path: screenshot, contentType: 'image/png' });
  });
});

test('Hold to talk listens while Space is held on the focused button', async ({ page }) => {
  await page.goto('/');
  const status = page.getByTestId('capture-status');
  await page.getByRole('button', { name: 'Hold to talk' }).focus();
  await page.keyboard.down('Space');
  await expect(status).toContainText('Listening');
  await expect.poll(async () => sentSeconds(await status.textContent())).toBeGreaterThan(0.5);
  await page.keyboard.up('Space');
  await expect(status).toContainText('Stopped. Sent');
});

test('the Dictate view has its named parts', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Microphone' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Transcript' })).toBeEditable();
  await expect(page.getByRole('button', { name: 'Transcribe file' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Hotwords' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  await page.getByRole('button', { name: 'Export' }).click();
  for (const name of [
    'Text (.txt)',
    'Subtitles with word timings (.srt)',
    'JSON with words and timings (.json)',
  ]) {
    await expect(page.getByRole('menuitem', { name })).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await page.getByText('Help: spoken commands and shortcuts').click();
  await expect(page.getByText('“scratch that”')).toBeVisible();
});

test('typing in the transcript and exporting it as text', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Transcript' }).fill('hello there');
  await page.getByRole('button', { name: 'Export' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Text (.txt)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('transcript.txt');
  const stream = await file.createReadStream();
  let text = '';
  for await (const chunk of stream) text += chunk;
  expect(text).toBe('hello there\n');
});

// With a recognizer answering (canned back-end replies and events until the
// speech models land): partial text streams into Live text, the final result
// goes through the spoken commands into the Transcript, and exports carry the
// word timings.
test('partial text streams live and the final text lands in the transcript', async ({ page }) => {
  await cannedDictation(page, {
    partial: 'hello world',
    result: {
      text: 'hello world period new line next',
      words: [
        cannedWord('hello', 0.2),
        cannedWord('world', 0.6, 0.3),
        cannedWord('period', 1.0),
        cannedWord('new', 1.4),
        cannedWord('line', 1.6),
        cannedWord('next', 2.0),
      ],
      nbest: [],
    },
  });

  await page.goto('/');
  const transcript = page.getByRole('textbox', { name: 'Transcript' });
  const before = await transcript.boundingBox();
  await page.getByRole('button', { name: 'Start dictation' }).click();
  const live = page.getByRole('region', { name: 'Live text' });
  await expect(live).toHaveText('hello world', { timeout: 10_000 });
  await expect(transcript).toHaveValue('');
  // Streaming text never moves the rest of the view.
  expect(await transcript.boundingBox()).toEqual(before);

  await page.getByRole('button', { name: 'Stop dictation' }).click();
  await expect(transcript).toHaveValue('Hello world.\nNext');
  await expect(live).toHaveText('');
  const words = page.getByRole('list', { name: 'Recognized words and their timings' });
  await expect(words.locator('.low-confidence')).toHaveText(['world.']);

  await page.getByRole('button', { name: 'Export' }).click();
  const srt = await downloaded(page, () =>
    page.getByRole('menuitem', { name: 'Subtitles with word timings (.srt)' }).click(),
  );
  // the words as shown: the commands acted, their words are not subtitled
  expect(srt).toBe('1\n00:00:00,200 --> 00:00:02,300\nHello world. Next\n');
});

test('Transcribe file decodes the file to 16 kHz and shows the outcome per file', async ({
  page,
}) => {
  await page.goto('/');
  const pick = async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Transcribe file' }).click();
    await (await chooser).setFiles(fakeMicWav);
  };
  const article = page.getByRole('article').filter({ hasText: 'fake-mic.wav' });
  if (hasSpeechModel) {
    // The real model on one recorded utterance.
    test.skip(!speech, 'the AN4 data is not available (VERBATIM_DATA_DIR)');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Transcribe file' }).click();
    await (await chooser).setFiles(utteranceWav);
    const words = page.getByRole('list', { name: 'Words in an4-utterance.wav' });
    await expect(words.getByRole('button')).toHaveText(
      inverseNormalizeText(speech!.utterances[0]!).split(' '),
      {
        timeout: 15_000,
      },
    );
  } else {
    // Without a model: the reason, inline, under the file's name.
    await pick();
    await expect(article.getByRole('alert')).toContainText('No speech model is installed yet');
  }

  // With a recognizer answering: the words, with timings, each playable.
  let received = 0;
  await page.route('**/api/transcribeAudio', async (route) => {
    const request = decodeWire(route.request().postDataBuffer()!) as { samples: Float32Array };
    received = request.samples.length;
    await route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ok: true,
        value: {
          text: 'yes no',
          words: [
            { word: 'yes', start: 0.1, end: 0.4, confidence: 0.9 },
            { word: 'no', start: 0.5, end: 0.9, confidence: 0.4 },
          ],
          nbest: [],
        },
      }),
    });
  });
  await pick();
  await expect(page.getByText('yes no', { exact: true })).toBeVisible();
  // The whole recording at 16 kHz (the decoder may add a few samples of padding).
  const recorded = (statSync(fakeMicWav).size - 44) / 2;
  expect(Math.abs(received - recorded)).toBeLessThan(160);
  const words = page.getByRole('list', { name: 'Words in fake-mic.wav' });
  await expect(words.getByRole('button')).toHaveCount(2);
  await expect(words.locator('.low-confidence')).toHaveText(['no']);
  await words.getByRole('button', { name: /Play “yes”/ }).click();
});
