// The Write view: drawing with the mouse, undo (button and Ctrl+Z), clear,
// inline errors, and real recognition of UNIPEN handwriting (from a lab the
// shipped models never saw in training) with the shipped models.
import { decodeWire } from '../../src-common/api-wire';
import { expect, test } from './support/fixtures';
import { drawInk, type Point } from './support/ink';
import { shipsModel } from './support/models';
import { unipenRoot, unipenSamples } from './support/unipen';

// A "1" and a "7" drawn in a 100 × 100 box (y down), so both strokes share one scale.
const ONE: Point[] = [
  { x: 20, y: 10 },
  { x: 20, y: 90 },
];
const SEVEN: Point[] = [
  { x: 50, y: 10 },
  { x: 90, y: 10 },
  { x: 60, y: 90 },
];

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Write' }).click();
});

test('strokes are drawn, undone one at a time and cleared', async ({ page }) => {
  const count = page.getByTestId('stroke-count');
  await expect(count).toHaveText('0 strokes');
  await expect(page.getByRole('button', { name: 'Undo stroke' })).toBeDisabled();

  await drawInk(page, [ONE, SEVEN]);
  await expect(count).toHaveText('2 strokes');
  // Ink is on the canvas: some pixels are no longer transparent.
  const inked = await page.getByRole('img', { name: 'Handwriting canvas' }).evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
  expect(inked).toBeGreaterThan(50);

  await page.getByRole('button', { name: 'Undo stroke' }).click();
  await expect(count).toHaveText('1 stroke');

  await drawInk(page, [SEVEN]);
  await expect(count).toHaveText('2 strokes');
  await page.getByRole('img', { name: 'Handwriting canvas' }).focus();
  await page.keyboard.press('Control+z');
  await expect(count).toHaveText('1 stroke');

  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(count).toHaveText('0 strokes');
});

test('a recognition error shows inline and the strokes are kept', async ({ page }) => {
  // The back end's answer when a mode has no model (the real path is unit-tested
  // in src-main/services/worker-engine.test.ts: every mode has a shipped model here).
  const message = 'No handwriting model for letters is installed yet.';
  await page.route('**/api/inkEvents', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'no-model', message } }),
    }),
  );
  await page.getByText('Letters', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Letters' })).toBeChecked();
  await drawInk(page, [ONE]);
  await expect(page.getByRole('alert')).toContainText(message);
  await expect(page.getByTestId('stroke-count')).toHaveText('1 stroke');
  await expect(page.getByRole('button', { name: 'Insert' })).toBeDisabled();

  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the Write view has its named parts', async ({ page }) => {
  for (const name of ['Digits', 'Letters', 'Words']) {
    await expect(page.getByRole('radio', { name })).toBeVisible();
  }
  await expect(page.getByRole('radio', { name: 'Digits' })).toBeChecked();
  await expect(page.getByRole('status', { name: 'Recognized text' })).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Alternatives' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Written text' })).toBeVisible();
});

// With a recognizer answering (a canned back-end reply until the handwriting
// models land), the whole flow: result, alternatives, pick, Insert.
test('results and alternatives are shown, picked and inserted', async ({ page }) => {
  // The view's handwriting session (opened with the view) gets stroke events.
  const requests: { events: { type: string }[] }[] = [];
  await page.route('**/api/inkEvents', async (route) => {
    requests.push(decodeWire(route.request().postDataBuffer()!) as (typeof requests)[number]);
    await route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ok: true,
        value: {
          text: '17',
          words: [],
          nbest: [
            { text: '17', score: -0.1 },
            { text: '11', score: -1.5 },
            { text: '71', score: -2.5 },
          ],
        },
      }),
    });
  });
  const sentEvents = () => requests.flatMap((r) => r.events.map((e) => e.type));
  const recognized = page.getByRole('status', { name: 'Recognized text' });
  await drawInk(page, [ONE, SEVEN]);
  await expect(recognized).toHaveText('17');
  // Each stroke is sent once, however the pauses grouped them.
  await expect.poll(sentEvents).toEqual(['add', 'add']);

  const alternatives = page.getByRole('listbox', { name: 'Alternatives' });
  await expect(alternatives.getByRole('option')).toHaveText(['17', '11', '71']);
  await alternatives.getByRole('option', { name: '11' }).click();
  await expect(recognized).toHaveText('11');

  await page.getByRole('button', { name: 'Insert' }).click();
  await expect(page.getByRole('textbox', { name: 'Written text' })).toHaveValue('11');
  await expect(page.getByTestId('stroke-count')).toHaveText('0 strokes');
  await expect(recognized).toHaveText('');

  await drawInk(page, [ONE]);
  await expect(recognized).toHaveText('17');
  // Insert cleared the canvas: the session hears it with the next stroke.
  await expect.poll(sentEvents).toEqual(['add', 'add', 'clear', 'add']);
  await page.getByRole('button', { name: 'Insert' }).click();
  await expect(page.getByRole('textbox', { name: 'Written text' })).toHaveValue('11 17');
});

test.describe('real handwriting with the shipped models', () => {
  test.skip(!unipenRoot, 'the UNIPEN data is not available: set VERBATIM_DATA_DIR');
  // Digits 0 1 4 5 8 9 written by one writer of the held-out lab "tos".
  const digits = unipenRoot ? unipenSamples('1a/tos/t1/t1002062.dat') : [];

  test('UNIPEN digits drawn with the mouse are recognized; undo and clear', async ({
    page,
  }, testInfo) => {
    test.setTimeout(60_000); // a few hundred mouse moves on a busy machine
    const recognized = page.getByRole('status', { name: 'Recognized text' });
    const count = page.getByTestId('stroke-count');
    const written = page.getByRole('textbox', { name: 'Written text' });
    expect(digits.map((d) => d.label)).toEqual(['0', '1', '4', '5', '8', '9']);

    for (const digit of digits.filter((d) => ['0', '8', '9'].includes(d.label))) {
      await drawInk(page, digit.strokes);
      await expect(recognized).toHaveText(digit.label);
      await expect(
        page.getByRole('listbox', { name: 'Alternatives' }).getByRole('option').first(),
      ).toHaveText(digit.label);
      await page.getByRole('button', { name: 'Clear' }).click();
      await expect(count).toHaveText('0 strokes');
      await expect(recognized).toHaveText('');
    }

    // A two-stroke 4: undoing its second stroke and drawing it again.
    const four = digits.find((d) => d.label === '4')!;
    expect(four.strokes).toHaveLength(2);
    await drawInk(page, four.strokes);
    await expect(recognized).toHaveText('4');
    await page.getByRole('button', { name: 'Undo stroke' }).click();
    await expect(count).toHaveText('1 stroke');
    await page.getByRole('button', { name: 'Clear' }).click();
    await drawInk(page, four.strokes);
    await expect(recognized).toHaveText('4');
    await page.getByRole('button', { name: 'Insert' }).click();
    await expect(written).toHaveValue('4');

    const five = digits.find((d) => d.label === '5')!;
    await drawInk(page, five.strokes);
    await expect(recognized).toHaveText('5');
    const screenshot = testInfo.outputPath('write-view.png');
    await page.screenshot({ path: screenshot });
    await testInfo.attach('write-view', { path: screenshot, contentType: 'image/png' });
    await page.getByRole('button', { name: 'Insert' }).click();
    await expect(written).toHaveValue('4 5');
  });

  test('a UNIPEN word drawn in Words mode is read with the lexicon', async ({ page }) => {
    test.skip(!shipsModel('words'), 'no words model is shipped yet (assets/models.json)');
    // A joined-up "unemployed" (two strokes) from the lab "pri", held out of the words
    // model's training (scripts/recipes/unipen-heldout.json).
    const word = unipenSamples('7/pri/pri1/000.0.dat', 60).find((s) => s.label === 'unemployed')!;
    await page.getByText('Words', { exact: true }).click();
    await expect(page.getByRole('radio', { name: 'Words' })).toBeChecked();
    await drawInk(page, word.strokes);
    await expect(page.getByRole('status', { name: 'Recognized text' })).toHaveText('unemployed', {
      timeout: 15_000,
    });
  });
});
