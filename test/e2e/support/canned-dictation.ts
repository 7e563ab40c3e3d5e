// A recognizer answering with canned replies: the page's dictation calls are
// routed here, partial text goes out on the events socket once a second of
// audio arrived (a text, or a text with its words), and Stop returns `result`
// (or what the function returns then).
import type { Page, WebSocketRoute } from '@playwright/test';
import type { RecognitionResult, Word } from '../../../src-common/api';
import { decodeWire } from '../../../src-common/api-wire';

const reply = (value: unknown) => ({
  contentType: 'application/json',
  body: JSON.stringify({ ok: true, value }),
});

/** A word of a canned result, 0.3 s long. */
export const cannedWord = (word: string, start: number, confidence = 0.9) => ({
  word,
  start,
  end: start + 0.3,
  confidence,
});

export async function cannedDictation(
  page: Page,
  {
    partial,
    result,
  }: {
    partial: string | { text: string; words: Word[] };
    result: RecognitionResult | (() => RecognitionResult);
  },
): Promise<void> {
  const sessionId = 'e2e-session';
  let pushed = 0;
  let events: WebSocketRoute | null = null;
  await page.routeWebSocket(/\/events/, (ws) => {
    events = ws;
  });
  await page.route('**/api/startDictation', (route) => {
    pushed = 0;
    return route.fulfill(reply({ sessionId, model: null, notice: null }));
  });
  await page.route('**/api/pushAudio', async (route) => {
    const { samples } = decodeWire(route.request().postDataBuffer()!) as { samples: Float32Array };
    pushed += samples.length;
    if (pushed >= 16_000) {
      const guess = typeof partial === 'string' ? { text: partial, words: [] } : partial;
      events?.send(JSON.stringify({ type: 'speech.partial', sessionId, ...guess }));
    }
    await route.fulfill(reply({ receivedSeconds: pushed / 16_000 }));
  });
  await page.route('**/api/stopDictation', (route) =>
    route.fulfill(
      reply({
        receivedSeconds: pushed / 16_000,
        result: typeof result === 'function' ? result() : result,
      }),
    ),
  );
}

/** The text of a download the page offers after `click`. */
export async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const download = page.waitForEvent('download');
  await click();
  let text = '';
  for await (const chunk of await (await download).createReadStream()) text += chunk;
  return text;
}
