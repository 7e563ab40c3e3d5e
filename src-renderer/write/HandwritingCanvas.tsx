// The drawing surface: pointer events (mouse, pen with pressure, touch) with
// pointer capture and coalesced events become ink-state events; the strokes
// are drawn smoothly on every change.
import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import type { InkPoint } from '../../src-common/api';
import type { InkEvent, InkState } from './ink-state';
import { strokeSegments } from './stroke-path';
import { fitToElement } from '../components/canvas';

const BASE_WIDTH = 3;

function toPoint(e: PointerEvent, canvas: HTMLCanvasElement, origin: number): InkPoint {
  const box = canvas.getBoundingClientRect();
  return {
    x: e.clientX - box.left,
    y: e.clientY - box.top,
    t: Math.max(0, e.timeStamp - origin),
    // Mice report 0.5 while a button is down; pens and touch report real pressure.
    p: e.pointerType === 'mouse' || !(e.pressure > 0) ? 0.5 : Math.min(1, e.pressure),
  };
}

function draw(canvas: HTMLCanvasElement, ink: InkState) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = window.devicePixelRatio || 1;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = getComputedStyle(canvas).color;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const strokes = ink.active ? [...ink.strokes, { points: ink.active.points }] : ink.strokes;
  for (const stroke of strokes) {
    for (const s of strokeSegments(stroke.points, BASE_WIDTH)) {
      ctx.lineWidth = s.width;
      ctx.beginPath();
      ctx.moveTo(s.from.x, s.from.y);
      if (s.from === s.to) ctx.lineTo(s.to.x + 0.01, s.to.y);
      else ctx.quadraticCurveTo(s.control.x, s.control.y, s.to.x, s.to.y);
      ctx.stroke();
    }
  }
}

export function HandwritingCanvas({
  ink,
  dispatch,
  describedBy,
}: {
  ink: InkState;
  dispatch: (event: InkEvent) => void;
  describedBy: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  /** Time zero of the points' `t` (ms): when the canvas appeared. */
  const origin = useRef(0);
  const inkRef = useRef(ink);

  // Keep the bitmap at the element's size × device pixels, and redraw.
  useEffect(() => {
    const canvas = ref.current!;
    origin.current = performance.now();
    const resize = () => {
      fitToElement(canvas);
      draw(canvas, inkRef.current);
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    inkRef.current = ink;
    const frame = requestAnimationFrame(() => draw(ref.current!, ink));
    return () => cancelAnimationFrame(frame);
  }, [ink]);

  const point = (e: PointerEvent) => toPoint(e, ref.current!, origin.current);
  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    dispatch({ type: 'down', pointerId: e.pointerId, point: point(e.nativeEvent) });
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const native = e.nativeEvent;
    const events = native.getCoalescedEvents?.() ?? [];
    dispatch({
      type: 'move',
      pointerId: e.pointerId,
      points: (events.length ? events : [native]).map(point),
    });
  };

  return (
    <canvas
      ref={ref}
      className="handwriting-canvas"
      role="img"
      aria-label="Handwriting canvas"
      aria-describedby={describedBy}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={(e) =>
        dispatch({ type: 'up', pointerId: e.pointerId, point: point(e.nativeEvent) })
      }
      onPointerCancel={(e) => dispatch({ type: 'cancel', pointerId: e.pointerId })}
    />
  );
}
