// Selects look like selects (issue 23): every select's trigger, in every
// view, shows a chevron and reads as a field (left-aligned value), unlike a
// plain button.
import { expect, test } from './support/fixtures';

test('every select trigger shows a chevron', async ({ page }) => {
  await page.goto('/');
  let seen = 0;
  for (const view of ['Dictate', 'Write', 'Studio', 'Train', 'Models']) {
    await page.getByRole('tab', { name: view }).click();
    const panel = page.getByRole('tabpanel', { name: view });
    if (view === 'Studio') {
      await panel.getByRole('textbox', { name: 'New dataset name' }).fill('Select check');
      await panel.getByRole('button', { name: 'Create dataset' }).click();
      await expect(panel.getByTestId('prompt')).toHaveText('zero');
    }
    for (const trigger of await panel.locator('.react-aria-Select > button').all()) {
      if (!(await trigger.isVisible())) continue;
      const look = await trigger.evaluate((b) => {
        const chevron = getComputedStyle(b, '::after');
        return {
          chevron: chevron.content !== 'none' && chevron.borderRightStyle === 'solid',
          justify: getComputedStyle(b).justifyContent,
        };
      });
      expect(look, `${view}: ${await trigger.textContent()}`).toEqual({
        chevron: true,
        justify: 'space-between',
      });
      seen++;
    }
  }
  expect(seen).toBeGreaterThanOrEqual(5);
});
