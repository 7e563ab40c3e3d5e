import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dispatchOrder, taskWeight } from './dispatch-order';

describe('dispatchOrder', () => {
  it('takes every task once, window by window in input order, the heaviest of each first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 20 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 16 }),
        (weights, window) => {
          const order = dispatchOrder(weights, window);
          expect([...order].sort((a, b) => a - b)).toEqual([...weights.keys()]);
          order.forEach((i, at) => {
            // Each task stays in its own window…
            expect(Math.floor(i / window)).toBe(Math.floor(at / window));
            // …after the heavier ones of it, and after the equally heavy ones before it in the input.
            const next = order[at + 1];
            if (next !== undefined && Math.floor(next / window) === Math.floor(i / window))
              expect(weights[i] > weights[next] || (weights[i] === weights[next] && i < next)).toBe(
                true,
              );
          });
        },
      ),
    );
  });
});

describe('taskWeight', () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-weight-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('weighs a file by its size, shipped bytes by their length, ink by its points', () => {
    const big = join(root, 'big.dat');
    writeFileSync(big, 'x'.repeat(300));
    const ink = {
      strokes: [
        {
          points: [
            { x: 0, y: 0, t: 0 },
            { x: 1, y: 1, t: 1 },
          ],
        },
      ],
    };
    expect(taskWeight({ op: 'ink-file', input: big })).toBe(300);
    expect(taskWeight({ op: 'ink-file', input: join(root, 'missing.dat') })).toBe(0);
    expect(taskWeight({ op: 'transcribe', input: big, bytes: new Uint8Array(7) })).toBe(7);
    expect(taskWeight({ op: 'eval-speech', audio: big })).toBe(300);
    expect(taskWeight({ op: 'eval-ink', ink })).toBe(2);
    expect(
      taskWeight({
        op: 'ink-file',
        input: big,
        items: [
          { item: 0, ink },
          { item: 1, ink },
        ],
      }),
    ).toBe(4);
  });
});
