// The handwriting canvas as a small state machine (like tldraw's): pointer
// events become plain points; a stroke is committed when its pointer lifts;
// each committed stroke is one undo step. Pure: the canvas component feeds it
// events and draws whatever state comes out.
import type { InkPoint, Stroke } from '../../src-common/api';

export interface InkState {
  strokes: Stroke[];
  /** The stroke being drawn, owned by one pointer; other pointers are ignored meanwhile. */
  active: { pointerId: number; points: InkPoint[] } | null;
  /** Bumped whenever the committed strokes change (the cue to recognize again). */
  version: number;
}

export type InkEvent =
  | { type: 'down'; pointerId: number; point: InkPoint }
  | { type: 'move'; pointerId: number; points: InkPoint[] }
  | { type: 'up'; pointerId: number; point?: InkPoint }
  /** The system took the pointer (e.g. palm rejection): keep what was drawn. */
  | { type: 'cancel'; pointerId: number }
  | { type: 'undo' }
  | { type: 'clear' };

export const emptyInk: InkState = { strokes: [], active: null, version: 0 };

const samePlace = (a: InkPoint | undefined, b: InkPoint) => !!a && a.x === b.x && a.y === b.y;

function append(points: InkPoint[], more: InkPoint[]): InkPoint[] {
  const out = points.slice();
  for (const p of more) if (!samePlace(out.at(-1), p)) out.push(p);
  return out;
}

function commit(state: InkState): InkState {
  if (!state.active) return state;
  return {
    strokes: [...state.strokes, { points: state.active.points }],
    active: null,
    version: state.version + 1,
  };
}

export function inkReducer(state: InkState, event: InkEvent): InkState {
  switch (event.type) {
    case 'down':
      if (state.active) return state;
      return { ...state, active: { pointerId: event.pointerId, points: [event.point] } };
    case 'move':
      if (state.active?.pointerId !== event.pointerId || event.points.length === 0) return state;
      return {
        ...state,
        active: { ...state.active, points: append(state.active.points, event.points) },
      };
    case 'up': {
      if (state.active?.pointerId !== event.pointerId) return state;
      const points = event.point ? append(state.active.points, [event.point]) : state.active.points;
      return commit({ ...state, active: { ...state.active, points } });
    }
    case 'cancel':
      return state.active?.pointerId === event.pointerId ? commit(state) : state;
    case 'undo':
      if (state.active) return { ...state, active: null };
      if (state.strokes.length === 0) return state;
      return { strokes: state.strokes.slice(0, -1), active: null, version: state.version + 1 };
    case 'clear':
      if (!state.active && state.strokes.length === 0) return state;
      return { strokes: [], active: null, version: state.version + 1 };
  }
}
