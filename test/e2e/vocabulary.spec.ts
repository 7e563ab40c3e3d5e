// The Vocabulary setting and "What can I say?" (issue 19): with a closed
// vocabulary, dictating real AN4 speech (the fake microphone: "enter five
// three four three", then "one five two two one") yields only listed words and
// phrases; the dialog lists the vocabulary and the model's words and filters them.
import { decodeWire } from '../../src-common/api-wire';
import { cannedDictation, cannedWord } from './support/canned-dictation';
import { fakeMicLaunchOptions } from './support/fake-mic';
import { utteranceWav } from './support/paths';
import { expect, test } from './support/fixtures';
import { shipsModel } from './support/models';
import { an4Clip, FAKE_MIC_UTTERANCES } from './support/speech-clip';

const hasSpeechModel = shipsModel('speech');
const speech = an4Clip(FAKE_MIC_UTTERANCES);

test.use({ launchOptions: fakeMicLaunchOptions({ loop: false }) });

// "five" only inside the phrase "five three": the second utterance's lone
// "five" has no entry to come out as.
const VOCABULARY = [
  '# digits and a command',
  'enter',
  'five three',
  'four',
  'three',
  'one',
  'two:1',
  'yes',
];
const ENTRIES = ['enter', 'five three', 'four', 'three', 'one', 'two', 'yes'];
const onlyEntries = new RegExp(`^\\s*((${ENTRIES.join('|')})(\\s+|$))+$`);

test('a bad vocabulary line is named; a good list says how many entries it allows', async ({
  page,
}) => {
  await page.goto('/');
  const field = page.getByRole('textbox', { name: 'Vocabulary' });
  await field.fill('yes\nno:lots');
  await expect(page.getByRole('alert')).toHaveText(
    /Vocabulary line 2: "lots" is not a weight: write WORD or WORD:NUMBER/,
  );
  await field.fill(VOCABULARY.join('\n'));
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('Only these 7 words and phrases can be recognized.')).toBeVisible();
  // Spoken commands are words too: a list without any says how to keep them.
  const hint =
    'Spoken commands are heard only when listed too: add those you use (new line, new paragraph, period, comma, question mark, scratch that).';
  await expect(page.getByText(hint)).toBeVisible();
  await field.fill(`${VOCABULARY.join('\n')}\nnew line`);
  await expect(page.getByText('Only these 8 words and phrases can be recognized.')).toBeVisible();
  await expect(page.getByText(hint)).toHaveCount(0);
  await field.fill(VOCABULARY.join('\n'));
  await page.locator('label', { hasText: 'Spoken commands' }).click();
  await expect(page.getByText(hint)).toHaveCount(0);
});

test('Load word list reads a UTF-8 list, and names a file that is not text with what to do', async ({
  page,
}) => {
  await page.goto('/');
  const load = async (name: string, buffer: Buffer) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Load word list…' }).click();
    await (await chooser).setFiles({ name, mimeType: 'text/plain', buffer });
  };
  await load('utf16.txt', Buffer.from('\ufeffyes\nno\n', 'utf16le'));
  await expect(page.getByRole('alert')).toHaveText(
    'utf16.txt is not UTF-8 text (it holds binary data or UTF-16): save it as plain UTF-8 text, one word or phrase a line.',
  );
  await expect(page.getByRole('textbox', { name: 'Vocabulary' })).toHaveValue('');
  await load('words.txt', Buffer.from('# mine\nyes\nno:2\n', 'utf8'));
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Vocabulary' })).toHaveValue(
    '# mine\nyes\nno:2\n',
  );
  await expect(page.getByText('Only these 2 words and phrases can be recognized.')).toBeVisible();
});

test('the Vocabulary and the Hotwords are remembered across restarts', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Vocabulary' }).fill('yes\nno');
  await page.getByRole('textbox', { name: 'Hotwords' }).fill('stop');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Vocabulary' })).toHaveValue('yes\nno');
  await expect(page.getByRole('textbox', { name: 'Hotwords' })).toHaveValue('stop');
  await expect(page.getByText('Only these 2 words and phrases can be recognized.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear vocabulary' }).click();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Vocabulary' })).toHaveValue('');
  await expect(page.getByText('Leave empty to allow any words.')).toBeVisible();
});

test('an entry the model cannot spell is named as it is typed, with what to write instead', async ({
  page,
}) => {
  test.skip(!hasSpeechModel, 'no speech model is shipped (assets/models.json)');
  await page.goto('/');
  const field = page.getByRole('textbox', { name: 'Vocabulary' });
  await field.fill('yes\ncafé');
  // Before any dictation starts: the model that would recognize cannot write "é".
  await expect(page.getByRole('alert')).toHaveText(
    /^Vocabulary: "café" uses "é", not in the model's alphabet \(a–z, ' and space\): write it as "cafe" \(speech-[\w-]+\)\.$/,
  );
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('yes\ncafe');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
});

test("hotwords outside the active model's domain are noted; the model stays", async ({ page }) => {
  test.skip(!hasSpeechModel, 'no speech model is shipped (assets/models.json)');
  await page.goto('/');
  const hotwords = page.getByRole('textbox', { name: 'Hotwords' });
  const note = page.getByTestId('model-choice');
  await hotwords.fill('yes, zebra');
  await expect(note).toHaveText(
    /^Hotwords outside speech-en's domain \(zebra\) will rarely come out: it writes the words of its own list\. Put them in a vocabulary(, or use [\w-]+)?\.$/,
  );
  await hotwords.fill('yes, stop');
  await expect(note).toHaveCount(0);
});

test('the model choice follows typed hotwords once typing pauses, not at each key', async ({
  page,
}) => {
  test.skip(!hasSpeechModel, 'no speech model is shipped (assets/models.json)');
  await page.goto('/');
  // The hotwords the model choice is asked with, once there are some.
  const asked: string[][] = [];
  page.on('request', (r) => {
    if (!r.url().endsWith('/api/chooseSpeechModel')) return;
    const { hotwords } = decodeWire(r.postDataBuffer()!) as { hotwords: string[] };
    if (hotwords.length) asked.push(hotwords);
  });
  const note = page.getByTestId('model-choice');
  // Each key of "yes, stop" makes a new list, and "yes, s" … "yes, sto" are
  // outside the model's domain: asked at each key, the note would come and go.
  await page.getByRole('textbox', { name: 'Hotwords' }).pressSequentially('yes, stop');
  await page.waitForTimeout(1_000); // well past the pause
  await expect(note).toHaveCount(0);
  expect(asked.at(-1)).toEqual(['yes', 'stop']);
  // Nine keys; a stall of the machine mid-typing may let a partial list through.
  expect(asked.length).toBeLessThan(4);
});

test("a confident word outside the model's words is marked as spelled as heard, live and after, until it is a hotword", async ({
  page,
}) => {
  test.skip(!hasSpeechModel, 'no speech model is shipped (assets/models.json)');
  // speech-en (active) writes "yes" and "stop" from its list; "zebra" it could only spell.
  await cannedDictation(page, {
    partial: {
      text: 'yes zebra',
      words: [cannedWord('yes', 0.1, 0.4), cannedWord('zebra', 0.5, 0.95)],
    },
    result: {
      text: 'yes zebra stop',
      words: [cannedWord('yes', 0.1), cannedWord('zebra', 0.5, 0.95), cannedWord('stop', 0.9, 0.3)],
      nbest: [],
    },
  });
  await page.goto('/');
  const words = page.getByRole('list', { name: 'Recognized words and their timings' });
  const live = page.getByRole('region', { name: 'Live text' });
  // The live guess is marked as the final text is: "zebra" spelled (unless listed), "yes" unsure.
  const dictate = async (liveSpelled: string[]) => {
    await page.getByRole('button', { name: 'Start dictation' }).click();
    await expect(live).toHaveText('yes zebra', { timeout: 10_000 });
    await expect(live.locator('.spelled')).toHaveText(liveSpelled);
    await expect(live.locator('.low-confidence')).toHaveText(['yes']);
    await expect(live.locator('.low-confidence')).toHaveAttribute(
      'title',
      /\(low: check this word\)/,
    );
    await page.getByRole('button', { name: 'Stop dictation' }).click();
  };
  await dictate(['zebra']);
  await expect(words.getByRole('listitem')).toHaveText(['Yes', 'zebra', 'stop']);
  await expect(words.locator('.spelled')).toHaveText(['zebra']);
  await expect(words.locator('.spelled')).toHaveAttribute(
    'title',
    /confidence 95% \(not in the model's words, spelled as heard: check this word\)/,
  );
  await expect(words.locator('.low-confidence')).toHaveText(['stop']);
  // Named as a hotword, the word is the user's: not marked.
  await page.getByRole('textbox', { name: 'Hotwords' }).fill('zebra');
  await dictate([]);
  await expect(words.getByRole('listitem')).toHaveCount(6);
  await expect(words.locator('.spelled')).toHaveText(['zebra']);
});

test('"What can I say?" lists the vocabulary and the model\'s words, and filters them', async ({
  page,
}) => {
  test.skip(!hasSpeechModel, 'no speech model is shipped (assets/models.json)');
  await page.goto('/');
  await page.getByRole('button', { name: 'What can I say?' }).click();
  let dialog = page.getByRole('dialog', { name: 'What can I say?' });
  const modelWords = dialog.getByRole('list', { name: 'Words the model knows' });
  await expect(dialog).toContainText('AN4');
  await expect(modelWords.getByRole('listitem')).toHaveCount(106);
  await dialog.getByRole('searchbox', { name: 'Search words' }).fill('thr');
  const shown = await modelWords.getByRole('listitem').allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.length).toBeLessThan(106);
  expect(shown.every((w) => w.includes('thr'))).toBe(true);
  expect(shown).toContain('three');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  // With a vocabulary, the dialog lists it first.
  await page.getByRole('textbox', { name: 'Vocabulary' }).fill(VOCABULARY.join('\n'));
  await page.getByRole('button', { name: 'What can I say?' }).click();
  dialog = page.getByRole('dialog', { name: 'What can I say?' });
  const yours = dialog.getByRole('list', { name: 'Words and phrases of your vocabulary' });
  await expect(yours.getByRole('listitem')).toHaveText(ENTRIES);
  await dialog.getByRole('searchbox', { name: 'Search words' }).fill('thr');
  await expect(yours.getByRole('listitem')).toHaveText(['five three', 'three']);
  // Escape clears the search first, then closes.
  await page.keyboard.press('Escape');
  await expect(yours.getByRole('listitem')).toHaveCount(ENTRIES.length);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('a vocabulary entry WRITTEN = SPOKEN is written as listed in a transcribed file', async ({
  page,
}) => {
  test.skip(!hasSpeechModel, 'no speech model is shipped (assets/models.json)');
  test.skip(!speech, 'the AN4 data is not available (VERBATIM_DATA_DIR)');
  await page.goto('/');
  await page.locator('label', { hasText: 'Write numbers as digits' }).click();
  await page
    .getByRole('textbox', { name: 'Vocabulary' })
    .fill(['ENTER = enter', '53 = five three', 'four', 'three', 'one', 'two'].join('\n'));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Transcribe file' }).click();
  await (await chooser).setFiles(utteranceWav);
  // Said: "enter five three four three".
  const words = page.getByRole('list', { name: 'Words in an4-utterance.wav' });
  await expect(words.getByRole('button')).toHaveText(['ENTER', '53', 'four', 'three'], {
    timeout: 15_000,
  });
  // What can I say? lists each entry as written, with how it is said.
  await page.getByRole('button', { name: 'What can I say?' }).click();
  const yours = page
    .getByRole('dialog', { name: 'What can I say?' })
    .getByRole('list', { name: 'Words and phrases of your vocabulary' });
  await expect(yours.getByRole('listitem')).toHaveText([
    'ENTER (said “enter”)',
    '53 (said “five three”)',
    'four',
    'three',
    'one',
    'two',
  ]);
});

test.describe('real speech', () => {
  // As dictate.spec.ts: one retry absorbs audio a starved fake microphone lost.
  test.describe.configure({ retries: 1 });

  test('dictating with a vocabulary yields only its words and phrases', async ({ page }) => {
    test.skip(!hasSpeechModel, 'no speech model is shipped (assets/models.json)');
    test.skip(!speech, 'the AN4 data is not available (VERBATIM_DATA_DIR)');
    await page.goto('/');
    // The words as recognized: no digits written, no spoken commands acting.
    for (const name of ['Write numbers as digits', 'Spoken commands']) {
      await page.locator('label', { hasText: name }).click();
      await expect(page.getByRole('switch', { name })).not.toBeChecked();
    }
    await page.getByRole('textbox', { name: 'Vocabulary' }).fill(VOCABULARY.join('\n'));
    await page.getByRole('button', { name: 'Start dictation' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);

    const transcript = page.getByRole('textbox', { name: 'Transcript' });
    const [first] = speech!.utterances;
    // (The transcript writes sentences: "Enter five three four three".)
    await expect(transcript).toHaveValue(new RegExp(`^${first}\\s+\\S`, 'i'), { timeout: 20_000 });
    // The microphone has played both utterances once it has sent them all.
    const seconds = speech!.samples.length / speech!.sampleRate;
    const status = page.getByTestId('capture-status');
    await expect
      .poll(async () => Number(/Sent ([\d.]+) s/.exec((await status.textContent()) ?? '')?.[1]), {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(seconds - 0.5);
    await page.getByRole('button', { name: 'Stop dictation' }).click();
    await expect(status).toContainText('Stopped. Sent');
    const text = (await transcript.inputValue()).toLowerCase();
    expect(text).toMatch(onlyEntries);
    expect(text.startsWith(first!)).toBe(true);
    // The lone "five" of "one five two two one" was not written.
    expect(text.replace('five three', '')).not.toMatch(/\bfive\b/);
  });
});
