import { describe, expect, it } from 'vitest';
import { emptyInk, inkReducer, type InkEvent, type InkState } from './ink-state';

const pt = (x: number, y: number, t = 0) => ({ x, y, t, p: 0.5 });
const run = (events: InkEvent[], state: InkState = emptyInk) => events.reduce(inkReducer, state);
const stroke = (id: number, ...xs: number[]): InkEvent[] => [
  { type: 'down', pointerId: id, point: pt(xs[0]!, 0) },
  { type: 'move', pointerId: id, points: xs.slice(1).map((x) => pt(x, 0)) },
  { type: 'up', pointerId: id },
];

describe('ink state machine', () => {
  it('commits a stroke when its pointer lifts, bumping the version', () => {
    const s = run(stroke(1, 0, 1, 2));
    expect(s.active).toBeNull();
    expect(s.strokes).toHaveLength(1);
    expect(s.strokes[0]!.points.map((p) => p.x)).toEqual([0, 1, 2]);
    expect(s.version).toBe(1);
  });

  it('keeps coalesced points and drops repeats of the same place', () => {
    const s = run([
      { type: 'down', pointerId: 1, point: pt(0, 0) },
      { type: 'move', pointerId: 1, points: [pt(0, 0), pt(1, 1), pt(1, 1), pt(2, 2)] },
      { type: 'up', pointerId: 1, point: pt(3, 3) },
    ]);
    expect(s.strokes[0]!.points.map((p) => p.x)).toEqual([0, 1, 2, 3]);
  });

  it('ignores a second pointer while one is drawing', () => {
    const s = run([
      { type: 'down', pointerId: 1, point: pt(0, 0) },
      { type: 'down', pointerId: 2, point: pt(9, 9) },
      { type: 'move', pointerId: 2, points: [pt(8, 8)] },
      { type: 'up', pointerId: 2 },
      { type: 'up', pointerId: 1, point: pt(1, 0) },
    ]);
    expect(s.strokes).toHaveLength(1);
    expect(s.strokes[0]!.points.map((p) => p.x)).toEqual([0, 1]);
  });

  it('undoes one whole stroke per step, and a stroke in progress first', () => {
    const two = run([...stroke(1, 0, 1), ...stroke(1, 5, 6)]);
    const undone = inkReducer(two, { type: 'undo' });
    expect(undone.strokes).toHaveLength(1);
    expect(undone.strokes[0]!.points[0]!.x).toBe(0);
    expect(undone.version).toBe(3);
    const drawing = inkReducer(two, { type: 'down', pointerId: 1, point: pt(7, 7) });
    const cancelled = inkReducer(drawing, { type: 'undo' });
    expect(cancelled.strokes).toHaveLength(2);
    expect(cancelled.active).toBeNull();
    expect(run([{ type: 'undo' }])).toBe(emptyInk);
  });

  it('clears everything as one step', () => {
    const s = inkReducer(run([...stroke(1, 0), ...stroke(2, 1)]), { type: 'clear' });
    expect(s.strokes).toEqual([]);
    expect(s.version).toBe(3);
    expect(inkReducer(emptyInk, { type: 'clear' })).toBe(emptyInk);
  });

  it('keeps a stroke whose pointer the system cancelled', () => {
    const s = run([
      { type: 'down', pointerId: 4, point: pt(0, 0) },
      { type: 'move', pointerId: 4, points: [pt(1, 0)] },
      { type: 'cancel', pointerId: 4 },
    ]);
    expect(s.strokes).toHaveLength(1);
  });
});
