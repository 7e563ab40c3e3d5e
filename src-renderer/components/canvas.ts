// Canvas bitmaps sized to their element in device pixels, so drawings stay
// crisp on high-DPI screens.

/** Sizes the canvas bitmap to the element's size × device pixels; returns the ratio. */
export function fitToElement(canvas: HTMLCanvasElement): number {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(canvas.clientWidth * dpr);
  canvas.height = Math.round(canvas.clientHeight * dpr);
  return dpr;
}

/** The canvas fitted to its element and cleared: its 2-D context and the pixel ratio. */
export function clearedCanvas(canvas: HTMLCanvasElement): {
  g: CanvasRenderingContext2D;
  dpr: number;
} {
  const dpr = fitToElement(canvas);
  const g = canvas.getContext('2d')!;
  g.clearRect(0, 0, canvas.width, canvas.height);
  return { g, dpr };
}
