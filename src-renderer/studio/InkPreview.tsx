// A saved ink sample drawn to fit a small canvas (label editing's "playback" for ink).
import { useEffect, useRef } from 'react';
import type { Stroke } from '../../src-common/api';
import { clearedCanvas } from '../components/canvas';

export function InkPreview({ strokes, label }: { strokes: Stroke[]; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current!;
    const { g, dpr } = clearedCanvas(canvas);
    const points = strokes.flatMap((s) => s.points);
    if (!points.length) return;
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
    const span = Math.max(1e-9, Math.max(...xs) - minX, Math.max(...ys) - minY);
    const scale = (0.8 * Math.min(canvas.width, canvas.height)) / span;
    const pad = 0.1 * Math.min(canvas.width, canvas.height);
    g.strokeStyle = getComputedStyle(canvas).color;
    g.lineWidth = 2 * dpr;
    g.lineCap = 'round';
    for (const s of strokes) {
      g.beginPath();
      s.points.forEach((p, i) => {
        const x = pad + (p.x - minX) * scale;
        const y = pad + (p.y - minY) * scale;
        if (i === 0) g.moveTo(x, y);
        else g.lineTo(x, y);
      });
      g.stroke();
    }
  }, [strokes]);
  return <canvas ref={ref} className="ink-preview" role="img" aria-label={label} />;
}
