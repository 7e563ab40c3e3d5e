import { describe, expect, it } from 'vitest';
import { referenceKernels } from '../kernels/reference';
import { ParamSet } from './param-set';
import { RecurrentLayer } from './recurrent-layer';

// Two steps of a 1-unit LSTM worked out by hand (gates i, f, g, o):
//   a_t = wx·x_t + wh·h_{t−1} + b; i,f,o = σ(a); g = tanh(a); c_t = f·c_{t−1} + i·g; h_t = o·tanh(c_t)
// with loss L = h_1 + h_2, so dL/dh_t = 1 from above plus the recurrent path.
describe('LSTM step, hand-computed', () => {
  const layer = new RecurrentLayer(referenceKernels, 'l', 1, {
    cell: 'lstm',
    hidden: 1,
    bidirectional: false,
  });
  const params = new ParamSet(referenceKernels, layer.paramSpecs());
  layer.bind(params);
  params.view('l.fwd.wx').set([0.5, -0.3, 0.8, 0.1]);
  params.view('l.fwd.wh').set([0.2, 0.4, -0.6, 0.3]);
  params.view('l.fwd.b').set([0.1, 1.0, 0.0, -0.2]);
  const seq = { T: 2, B: 1, lengths: Int32Array.of(2) };
  const x = Float32Array.of(1, -2);

  it('forward', () => {
    // step 1: a = (0.6, 0.7, 0.8, -0.1) → i=0.645656, f=0.668188, g=0.664037, o=0.475021
    //         c = i·g = 0.428740, h = o·tanh(c) = 0.192035
    const h = layer.forward(x, seq);
    expect(h[0]).toBeCloseTo(0.19203541748968525, 6);
    expect(h[1]).toBeCloseTo(0.03431315586545113, 6);
  });

  it('backward', () => {
    layer.forward(x, seq);
    params.zeroGrad();
    const dx = new Float32Array(2);
    layer.backward(Float32Array.of(1, 1), dx, params);
    const expectClose = (got: Float32Array, want: number[]) =>
      want.forEach((w, k) => expect(got[k]).toBeCloseTo(w, 6));
    expectClose(params.gradView('l.fwd.wx'), [0.27398088, -0.04692733, 0.23769984, 0.05970958]);
    expectClose(params.gradView('l.fwd.wh'), [-0.01549824, 0.00450585, 0.00285775, 0.00385325]);
    expectClose(params.gradView('l.fwd.b'), [0.03186555, 0.02346366, 0.28234395, 0.11990558]);
    expectClose(dx, [0.28023942, -0.03348003]);
  });
});
