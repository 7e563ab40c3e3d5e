// A live line chart (uPlot): x is the training step or epoch, one series per metric.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
}

export function TrainingChart({
  title,
  xLabel,
  series,
  data,
}: {
  title: string;
  xLabel: string;
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
        axes: [{ label: xLabel }, {}],
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
  }, [title, xLabel, series]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return (
    <figure className="chart">
      <div ref={host} role="img" aria-label={title} data-points={data[0]?.length ?? 0} />
    </figure>
  );
}
