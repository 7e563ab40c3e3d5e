import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stroke, StrokeEvent, VerbatimApi, VocabularyEntry } from '../../src-common/api';
import { InkSessionClient, strokeEvents } from './ink-session-client';

const stroke = (x: number): Stroke => ({ points: [{ x, y: 0, t: 0, p: 0.5 }] });

function replay(strokes: readonly Stroke[], events: StrokeEvent[]): Stroke[] {
  let out = [...strokes];
  for (const e of events) {
    if (e.type === 'add') out.push(e.stroke);
    else if (e.type === 'undo') out.pop();
    else out = [];
  }
  return out;
}

/**
 * A back end whose sessions keep strokes (as the engine's do) and answer the
 * strokes' x values as text; `lose` drops every session, as a restarted worker does.
 */
function fakeBackEnd() {
  const sessions = new Map<string, Stroke[]>();
  const calls: {
    method: string;
    mode?: string;
    vocabulary?: VocabularyEntry[];
    events?: StrokeEvent[];
  }[] = [];
  let next = 0;
  let noModel = false;
  const api = {
    openInk: async ({ mode, vocabulary }: { mode: string; vocabulary?: VocabularyEntry[] }) => {
      calls.push({ method: 'openInk', mode, ...(vocabulary ? { vocabulary } : {}) });
      if (noModel) throw new Error('No handwriting model for letters is installed yet.');
      const sessionId = `s${next++}`;
      sessions.set(sessionId, []);
      return { sessionId };
    },
    inkEvents: async ({ sessionId, events }: { sessionId: string; events: StrokeEvent[] }) => {
      calls.push({ method: 'inkEvents', events });
      const strokes = sessions.get(sessionId);
      if (!strokes) throw new Error(`Handwriting session ${sessionId} is not open`);
      const now = replay(strokes, events);
      sessions.set(sessionId, now);
      return { text: now.map((s) => s.points[0]!.x).join(' '), words: [], nbest: [] };
    },
    closeInk: async ({ sessionId }: { sessionId: string }) => {
      calls.push({ method: 'closeInk' });
      return { closed: sessions.delete(sessionId) };
    },
  } as unknown as VerbatimApi;
  return {
    api,
    calls,
    sessions,
    lose: () => sessions.clear(),
    setNoModel: (v: boolean) => (noModel = v),
  };
}

describe('strokeEvents', () => {
  it('adds new strokes, undoes dropped ones, clears when nothing is shared', () => {
    const [a, b, c] = [stroke(1), stroke(2), stroke(3)];
    expect(strokeEvents([], [a, b])).toEqual([
      { type: 'add', stroke: a },
      { type: 'add', stroke: b },
    ]);
    expect(strokeEvents([a, b], [a])).toEqual([{ type: 'undo' }]);
    expect(strokeEvents([a, b], [a, c])).toEqual([{ type: 'undo' }, { type: 'add', stroke: c }]);
    expect(strokeEvents([a, b], [c])).toEqual([{ type: 'clear' }, { type: 'add', stroke: c }]);
    expect(strokeEvents([a], [])).toEqual([{ type: 'clear' }]);
    expect(strokeEvents([a, b], [a, b])).toEqual([]);
    // The same points in another object are another stroke (the reducer made it anew).
    expect(strokeEvents([a], [stroke(1)])).toEqual([
      { type: 'clear' },
      { type: 'add', stroke: stroke(1) },
    ]);
  });

  it('turn any strokes into any others', () => {
    const pool = Array.from({ length: 6 }, (_, i) => stroke(i));
    const strokes = fc.array(fc.constantFrom(...pool), { maxLength: 6 });
    fc.assert(
      fc.property(strokes, strokes, (from, to) => {
        const events = strokeEvents(from, to);
        const after = replay(from, events);
        expect(after).toHaveLength(to.length);
        after.forEach((s, i) => expect(s).toBe(to[i]));
      }),
    );
  });
});

describe('InkSessionClient', () => {
  it('sends only what changed since the last recognition', async () => {
    const back = fakeBackEnd();
    const client = new InkSessionClient(back.api, 'digits');
    client.open();
    const [a, b, c] = [stroke(1), stroke(2), stroke(3)];
    expect((await client.recognize([a])).text).toBe('1');
    expect((await client.recognize([a, b])).text).toBe('1 2');
    expect((await client.recognize([a])).text).toBe('1');
    expect((await client.recognize([c])).text).toBe('3');
    expect(back.calls).toEqual([
      { method: 'openInk', mode: 'digits' },
      { method: 'inkEvents', events: [{ type: 'add', stroke: a }] },
      { method: 'inkEvents', events: [{ type: 'add', stroke: b }] },
      { method: 'inkEvents', events: [{ type: 'undo' }] },
      { method: 'inkEvents', events: [{ type: 'clear' }, { type: 'add', stroke: c }] },
    ]);
    client.close();
    await expect.poll(() => back.sessions.size).toBe(0);
  });

  it('opens its session, and any replacement, with its vocabulary', async () => {
    const back = fakeBackEnd();
    const vocabulary = [
      { phrase: 'the', weight: 0 },
      { phrase: 'performance.', weight: 0 },
    ];
    const client = new InkSessionClient(back.api, 'words', vocabulary);
    client.open();
    expect((await client.recognize([stroke(1)])).text).toBe('1');
    back.lose();
    expect((await client.recognize([stroke(1), stroke(2)])).text).toBe('1 2');
    const opened = back.calls.filter((c) => c.method === 'openInk');
    expect(opened).toEqual([
      { method: 'openInk', mode: 'words', vocabulary },
      { method: 'openInk', mode: 'words', vocabulary },
    ]);
    client.close();
  });

  it('keeps calls in order, and replaces a lost session by one that gets all the strokes', async () => {
    const back = fakeBackEnd();
    const client = new InkSessionClient(back.api, 'digits');
    const [a, b, c] = [stroke(1), stroke(2), stroke(3)];
    const answers = await Promise.all([client.recognize([a]), client.recognize([a, b])]);
    expect(answers.map((r) => r.text)).toEqual(['1', '1 2']);
    back.lose();
    expect((await client.recognize([a, b, c])).text).toBe('1 2 3');
    // (The lost session is also closed, in case it still exists.)
    expect(back.calls.filter((c) => c.method !== 'closeInk').slice(-3)).toEqual([
      { method: 'inkEvents', events: [{ type: 'add', stroke: c }] },
      { method: 'openInk', mode: 'digits' },
      {
        method: 'inkEvents',
        events: [
          { type: 'add', stroke: a },
          { type: 'add', stroke: b },
          { type: 'add', stroke: c },
        ],
      },
    ]);
  });

  it('answers the back end error when a new session fails too, and recovers later', async () => {
    const back = fakeBackEnd();
    back.setNoModel(true);
    const client = new InkSessionClient(back.api, 'letters');
    client.open();
    const a = stroke(1);
    await expect(client.recognize([a])).rejects.toThrow(/No handwriting model for letters/);
    back.setNoModel(false);
    expect((await client.recognize([a])).text).toBe('1');
  });
});
