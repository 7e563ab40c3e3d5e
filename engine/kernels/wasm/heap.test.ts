import { describe, expect, it } from 'vitest';
import { WasmHeap } from './heap';

const PAGE = 65536;
const memory = (maximum = 16) => new WebAssembly.Memory({ initial: 1, maximum, shared: true });

describe('WasmHeap', () => {
  it('hands out 16-byte aligned, zero-filled, non-overlapping blocks above the base', () => {
    const heap = new WasmHeap(memory(), 100, 16);
    const a = heap.alloc(10);
    const b = heap.alloc(40);
    expect(a).toBeGreaterThanOrEqual(100);
    expect(a % 16).toBe(0);
    expect(b % 16).toBe(0);
    expect(b).toBeGreaterThanOrEqual(a + 16);
    heap.floats(a, 2).fill(3);
    heap.free(a);
    const c = heap.alloc(8);
    expect(c).toBe(a); // first fit reuses the freed block…
    expect([...heap.floats(c, 2)]).toEqual([0, 0]); // …zero-filled again
  });

  it('merges neighbouring free blocks and returns the tail to the bump pointer', () => {
    const heap = new WasmHeap(memory(), 0, 16);
    const a = heap.alloc(32);
    const b = heap.alloc(32);
    const c = heap.alloc(32);
    const top = heap.highWater;
    heap.free(a);
    heap.free(b); // a+b merge into one 64-byte block
    expect(heap.alloc(64)).toBe(a);
    heap.free(c);
    expect(heap.highWater).toBe(top - 32);
    expect(() => heap.free(a + 4)).toThrow(/not the start of a live allocation/);
  });

  it('grows the memory on demand and keeps earlier views valid', () => {
    const mem = memory();
    const heap = new WasmHeap(mem, 0, 16);
    const a = heap.alloc(16);
    const view = heap.floats(a, 4);
    view.set([1, 2, 3, 4]);
    heap.alloc(3 * PAGE);
    expect(mem.buffer.byteLength).toBeGreaterThanOrEqual(4 * PAGE);
    expect([...view]).toEqual([1, 2, 3, 4]);
    expect(heap.owns(view)).toBe(true);
    expect(heap.owns(new Float32Array(mem.buffer, 64, 2))).toBe(true); // a view made elsewhere
    expect(heap.owns(new Float32Array(4))).toBe(false);
  });

  it('says what to do when the maximum is reached', () => {
    const heap = new WasmHeap(memory(2), 0, 2);
    expect(() => heap.alloc(3 * PAGE)).toThrow(/out of memory: need .* MiB, the limit is 0\.1 MiB/);
  });
});
