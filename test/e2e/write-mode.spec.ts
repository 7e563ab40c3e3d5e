// Switching the Write mode (issue 23): strokes written for one mode mean
// nothing to another, so the canvas, the recognized text and its alternatives
// start blank; the written text stays.
import { expect, test } from './support/fixtures';
import { drawInk } from './support/ink';

test('switching the mode clears the strokes and the result, and keeps the written text', async ({
  page,
}) => {
  await page.route('**/api/inkEvents', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ok: true,
        value: {
          text: '17',
          words: [{ word: '17', start: 0, end: 5, confidence: 0.9, unsure: false }],
          nbest: [
            { text: '17', score: -1 },
            { text: '11', score: -2 },
          ],
        },
      }),
    }),
  );
  await page.goto('/');
  await page.getByRole('tab', { name: 'Write' }).click();
  const write = page.getByRole('tabpanel', { name: 'Write' });
  const recognized = write.getByRole('status', { name: 'Recognized text' });
  const alternatives = write.getByRole('listbox', { name: 'Alternatives' });
  const canvas = write.getByRole('img', { name: 'Handwriting canvas' });
  const inkedPixels = () =>
    canvas.evaluate((c) => {
      const el = c as HTMLCanvasElement;
      const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });

  await drawInk(page, [
    [
      { x: 20, y: 10 },
      { x: 20, y: 90 },
    ],
    [
      { x: 50, y: 10 },
      { x: 90, y: 10 },
      { x: 60, y: 90 },
    ],
  ]);
  await expect(recognized).toHaveText('17');
  await expect(alternatives.getByRole('option')).toHaveText(['17', '11']);
  await write.getByRole('button', { name: 'Insert' }).click();
  await drawInk(page, [
    [
      { x: 20, y: 10 },
      { x: 20, y: 90 },
    ],
  ]);
  await expect(recognized).toHaveText('17');
  expect(await inkedPixels()).toBeGreaterThan(50);

  await write.locator('label', { hasText: /^Letters$/ }).click();
  await expect(write.getByRole('radio', { name: 'Letters' })).toBeChecked();
  await expect(write.getByTestId('stroke-count')).toHaveText('0 strokes');
  await expect(recognized).toHaveText('');
  await expect(alternatives).toHaveText('No alternatives yet.');
  expect(await inkedPixels()).toBe(0);
  await expect(write.getByRole('textbox', { name: 'Written text' })).toHaveValue('17');
});
