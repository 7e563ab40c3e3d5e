// A live line chart (uPlot): x is the training step or epoch, one series per metric.
// Steps and epochs are counts, so the x axis ticks only at whole numbers.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Tick spacings uPlot may choose from for the x axis: whole numbers only. */
export const WHOLE_NUMBER_INCREMENTS = [1, 2, 5]
  .flatMap((m) => [1, 10, 100, 1_000, 10_000, 100_000].map((p) => m * p))
  .sort((a, b) => a - b);

export interface ChartSeries {
  label: string;
  color: string;
}

export function TrainingChart({
  title,
  xLabel,
  yLabel,
  series,
  data,
}: {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  /** [x values, ...one array per series] */
  data: number[][];
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = host.current!;
    const p = new uPlot(
      {
        title,
        width: Math.max(280, el.clientWidth || 480),
        height: 220,
        scales: { x: { time: false } },
        axes: [
          {
            label: xLabel,
            incrs: WHOLE_NUMBER_INCREMENTS,
            values: (_u, splits) => {
              // the ticks drawn (on the canvas), readable for tests and tools
              el.dataset.xTicks = splits.join(' ');
              return splits.map((v) => String(v));
            },
          },
          { label: yLabel },
        ],
        series: [
          { label: xLabel },
          ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2 })),
        ],
      },
      [[], ...series.map(() => [])],
      el,
    );
    plot.current = p;
    const observer = new ResizeObserver(() =>
      p.setSize({ width: Math.max(280, el.clientWidth), height: 220 }),
    );
    observer.observe(el);
    return () => {
      observer.disconnect();
      p.destroy();
    };
    // the chart is rebuilt only when its shape changes; data flows through setData
  }, [title, xLabel, yLabel, series]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return (
    <figure className="chart">
      <div ref={host} role="img" aria-label={title} data-points={data[0]?.length ?? 0} />
    </figure>
  );
}
