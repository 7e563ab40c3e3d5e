// A take's waveform: min/max per pixel column, drawn on a canvas.
import { useEffect, useRef } from 'react';
import { clearedCanvas } from '../components/canvas';

export function Waveform({ samples, label }: { samples: Float32Array | null; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current!;
    const { g } = clearedCanvas(canvas);
    if (!samples?.length) return;
    g.fillStyle = getComputedStyle(canvas).color;
    const mid = canvas.height / 2;
    const per = samples.length / canvas.width;
    for (let x = 0; x < canvas.width; x++) {
      let lo = 0;
      let hi = 0;
      const end = Math.min(samples.length, Math.floor((x + 1) * per));
      for (let i = Math.floor(x * per); i < end; i++) {
        if (samples[i] < lo) lo = samples[i];
        if (samples[i] > hi) hi = samples[i];
      }
      g.fillRect(x, mid - hi * mid, 1, Math.max(1, (hi - lo) * mid));
    }
  }, [samples]);
  return (
    <canvas
      ref={ref}
      className="waveform"
      role="img"
      aria-label={label}
      data-samples={samples?.length ?? 0}
    />
  );
}
