// Drawing ink on the Handwriting canvas with the mouse, the way a person would.
import type { Page } from '@playwright/test';

export interface Point {
  x: number;
  y: number;
}

/**
 * Draws strokes given in any coordinate system (e.g. UNIPEN tablet units,
 * y down), scaled uniformly to fit the canvas with a margin and centred.
 * `frame`: the ink whose box is fitted (default: these strokes), so a piece
 * of it drawn alone lands where it would in the whole.
 */
export async function drawInk(
  page: Page,
  strokes: Point[][],
  margin = 0.15,
  frame: Point[][] = strokes,
): Promise<void> {
  const canvas = page.getByRole('img', { name: 'Handwriting canvas' });
  const box = (await canvas.boundingBox())!;
  const all = frame.flat();
  const minX = Math.min(...all.map((p) => p.x));
  const maxX = Math.max(...all.map((p) => p.x));
  const minY = Math.min(...all.map((p) => p.y));
  const maxY = Math.max(...all.map((p) => p.y));
  const scale = Math.min(
    (box.width * (1 - 2 * margin)) / Math.max(1e-9, maxX - minX),
    (box.height * (1 - 2 * margin)) / Math.max(1e-9, maxY - minY),
  );
  const left = box.x + (box.width - (maxX - minX) * scale) / 2;
  const top = box.y + (box.height - (maxY - minY) * scale) / 2;
  const at = (p: Point) => [left + (p.x - minX) * scale, top + (p.y - minY) * scale] as const;
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    await page.mouse.move(...at(first!));
    await page.mouse.down();
    for (const p of rest) await page.mouse.move(...at(p), { steps: 2 });
    await page.mouse.up();
  }
}
