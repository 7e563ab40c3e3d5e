// Real handwriting for the Write view: labelled UNIPEN segments from the
// shared data (VERBATIM_DATA_DIR), as strokes of points (y down).
import { join } from 'node:path';
import { sharedUnipenRoot, UnipenReader } from '../../../engine/node/index';
import type { Point } from './ink';
import { projectRoot } from './paths';

export interface InkSample {
  label: string;
  strokes: Point[][];
}

/** The UNIPEN root of the shared data, or undefined when it is absent. */
export const unipenRoot = sharedUnipenRoot(projectRoot);

/**
 * The segments of one segment file (`data/<category>/<lab>/...dat`), in order,
 * each stroke thinned to at most `maxPoints` evenly spaced points (each one is
 * a mouse move in the test; the tablet's 100–200 Hz sampling is more than the
 * shape needs).
 */
export function unipenSamples(segmentFile: string, maxPoints = 20): InkSample[] {
  if (!unipenRoot) throw new Error('the UNIPEN data is not available (see VERBATIM_DATA_DIR)');
  const reader = new UnipenReader(unipenRoot);
  return reader.readSegmentFile(join(unipenRoot, 'data', segmentFile)).map((s) => ({
    label: s.label,
    strokes: s.ink.strokes.map((stroke) => thin(stroke.points, maxPoints)),
  }));
}

function thin(points: readonly Point[], maxPoints: number): Point[] {
  const step = Math.max(1, (points.length - 1) / (maxPoints - 1));
  const out: Point[] = [];
  for (let i = 0; i < points.length - 1; i += step) out.push(points[Math.round(i)]!);
  out.push(points[points.length - 1]!);
  return out.map(({ x, y }) => ({ x, y }));
}
