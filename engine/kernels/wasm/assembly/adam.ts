// One Adam step over n parameters in place (see Kernels.adamUpdate in
// engine/kernels/kernels.ts); pointers are byte addresses of f32 arrays.
import { load4, store4 } from './lanes';

@inline
function adamLanes(
  p: usize,
  w: usize,
  g: usize,
  m: usize,
  v: usize,
  lr: v128,
  b1: v128,
  a1: v128,
  b2: v128,
  a2: v128,
  eps: v128,
  c1: v128,
  c2: v128,
  l2: v128,
  shrink: v128,
  wide: bool,
): void {
  const wi = load4(w + p, wide);
  const gi = f32x4.add(load4(g + p, wide), f32x4.mul(l2, wi));
  const mi = f32x4.add(f32x4.mul(b1, load4(m + p, wide)), f32x4.mul(a1, gi));
  const vi = f32x4.add(f32x4.mul(b2, load4(v + p, wide)), f32x4.mul(a2, f32x4.mul(gi, gi)));
  store4(m + p, mi, wide);
  store4(v + p, vi, wide);
  const step = f32x4.div(f32x4.mul(lr, f32x4.mul(mi, c1)), f32x4.add(f32x4.sqrt(f32x4.mul(vi, c2)), eps));
  store4(w + p, f32x4.sub(f32x4.mul(shrink, wi), step), wide);
}

export function adamUpdate(
  n: i32,
  w: usize,
  g: usize,
  m: usize,
  v: usize,
  lr: f32,
  beta1: f32,
  beta2: f32,
  eps: f32,
  c1: f32,
  c2: f32,
  l2: f32,
  shrink: f32,
): void {
  const lrv = f32x4.splat(lr);
  const b1 = f32x4.splat(beta1);
  const a1 = f32x4.splat(1 - beta1);
  const b2 = f32x4.splat(beta2);
  const a2 = f32x4.splat(1 - beta2);
  const epsv = f32x4.splat(eps);
  const c1v = f32x4.splat(c1);
  const c2v = f32x4.splat(c2);
  const l2v = f32x4.splat(l2);
  const sv = f32x4.splat(shrink);
  const bytes = <usize>n << 2;
  const vecEnd = bytes & ~(<usize>15);
  let p: usize = 0;
  for (; p < vecEnd; p += 16) {
    adamLanes(p, w, g, m, v, lrv, b1, a1, b2, a2, epsv, c1v, c2v, l2v, sv, true);
  }
  for (; p < bytes; p += 4) {
    adamLanes(p, w, g, m, v, lrv, b1, a1, b2, a2, epsv, c1v, c2v, l2v, sv, false);
  }
}
