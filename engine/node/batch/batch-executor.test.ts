import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runInOrder, type BatchExecutor } from './batch-executor';
import type { BatchOutcome, BatchTask } from './batch-tasks';

const tasks = (n: number): BatchTask[] =>
  Array.from({ length: n }, (_, i) => ({ op: 'transcribe', input: `f${i}` }));

/** Reports outcome i as { hypothesis: 'i' } in the given order (repeats included). */
const scripted = (order: number[]): BatchExecutor => ({
  async run(_tasks, onOutcome) {
    for (const i of order) {
      await Promise.resolve();
      onOutcome(i, { hypothesis: String(i) });
    }
  },
  async dispose() {},
});

describe('runInOrder', () => {
  it('prints every outcome once, in input order, whatever order they finish in (repeats ignored)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 0, max: 30 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
              fc.array(fc.nat({ max: Math.max(0, n - 1) }), { maxLength: n ? 5 : 0 }),
            ),
          ),
        async ([n, order, repeats]) => {
          const printed: number[] = [];
          const progress: number[] = [];
          await runInOrder(
            tasks(n),
            scripted([...order, ...repeats]),
            (task, outcome: BatchOutcome, i) => {
              expect(task).toEqual({ op: 'transcribe', input: `f${i}` });
              expect(outcome).toEqual({ hypothesis: String(i) });
              printed.push(i);
            },
            (done, total) => {
              expect(total).toBe(n);
              progress.push(done);
            },
          );
          expect(printed).toEqual([...Array(n).keys()]);
          expect(progress).toEqual([...Array(n).keys()].map((i) => i + 1));
        },
      ),
    );
  });

  it('prints as soon as the next input is in, not at the end', async () => {
    const seen: string[] = [];
    await runInOrder(
      tasks(3),
      {
        async run(_t, onOutcome) {
          onOutcome(1, { hypothesis: '1' });
          seen.push('reported 1');
          onOutcome(0, { hypothesis: '0' });
          seen.push('reported 0');
          onOutcome(2, { hypothesis: '2' });
        },
        async dispose() {},
      },
      (_t, _o, i) => seen.push(`printed ${i}`),
    );
    expect(seen).toEqual(['reported 1', 'printed 0', 'printed 1', 'reported 0', 'printed 2']);
  });

  it('fails when the executor ends with inputs unanswered', async () => {
    await expect(runInOrder(tasks(3), scripted([0, 2]), () => {})).rejects.toThrow(
      'the batch ended with 2 of 3 inputs unanswered',
    );
  });
});
