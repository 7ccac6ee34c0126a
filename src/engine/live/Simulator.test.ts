import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TwinEngine } from '../TwinEngine.ts';
import type { JsonPatchOp, Result } from '../types.ts';
import { Simulator, TICK_MS } from './Simulator.ts';

/** An engine whose patches settle only when the test says so (a busy engine), recording what it was sent. */
function slowEngine(twins: string[]) {
  const calls: Array<{ id: string; patch: JsonPatchOp[]; settle: () => void }> = [];
  const engine = {
    query: async () => ({ ok: true, value: { value: twins.map(($dtId) => ({ $dtId })), continuationToken: null } }),
    patchTwin: (id: string, patch: JsonPatchOp[]) => new Promise<Result<unknown>>((resolve) => calls.push({ id, patch, settle: () => resolve({ ok: true, value: {} }) })),
  } as unknown as TwinEngine;
  return { engine, calls };
}

describe('Simulator', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('follows the clock: twins are spread over the period; a late tick generates every update due, each stamped with its scheduled time, in one burst', async () => {
    const { engine, calls } = slowEngine(['A', 'B']);
    const sim = new Simulator(engine, () => {}, () => 0.5);
    sim.upsert({ id: 'g', modelId: 'dtmi:x;1', property: 't', mode: 'property', kind: 'constant', params: { value: 7 }, rateHz: 10 });
    expect((await sim.start('g')).ok).toBe(true);
    expect(calls.map((c) => c.id)).toEqual(['A']); // A at start; B half a period later
    expect(calls[0]!.patch).toEqual([
      { op: 'add', path: '/t', value: 7 },
      { op: 'add', path: '/$metadata/t/sourceTime', value: '2026-01-01T00:00:00.000Z' },
    ]);
    await vi.advanceTimersByTimeAsync(TICK_MS * 3); // 60 ms
    expect(calls.map((c) => [c.id, c.patch[1]!.value])).toEqual([['A', '2026-01-01T00:00:00.000Z'], ['B', '2026-01-01T00:00:00.050Z']]);
    for (const c of calls) c.settle();
    // The timer is held up (a busy worker): its next tick comes after 330 ms and sends every update due since.
    vi.setSystemTime(Date.parse('2026-01-01T00:00:00.330Z'));
    vi.advanceTimersToNextTimer();
    const at = Date.now() - Date.parse('2026-01-01T00:00:00Z');
    expect(at).toBeGreaterThanOrEqual(350);
    const due = Math.floor(at / 50) + 1;
    expect(calls.map((c) => [c.id, c.patch[1]!.value])).toEqual(Array.from({ length: due }, (_, k) => [k % 2 ? 'B' : 'A', new Date(Date.parse('2026-01-01T00:00:00Z') + k * 50).toISOString()]));
    for (const c of calls) c.settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(sim.list()[0]).toMatchObject({ generated: due, applied: due, failed: 0, skipped: 0 });
    sim.stopAll();
  });

  it('skips (and counts) rounds while more than 3 s of updates waits for the engine; a shorter stall loses nothing', async () => {
    const { engine, calls } = slowEngine(['A', 'B']);
    const sim = new Simulator(engine, () => {}, () => 0.5);
    sim.upsert({ id: 'g', modelId: 'dtmi:x;1', property: 't', mode: 'property', kind: 'constant', params: { value: 1 }, rateHz: 10 });
    await sim.start('g');
    // A 2 s stall: every round goes out, nothing skipped.
    await vi.advanceTimersByTimeAsync(2000);
    expect(sim.list()[0]).toMatchObject({ generated: 41, skipped: 0 }); // updates 0..40 are due at t = 2 s (one per 50 ms)
    // Nothing settles for 6 s in all: the simulator stops queueing after 3 s worth (30 rounds x 2 twins in flight).
    await vi.advanceTimersByTimeAsync(4000);
    const stalled = sim.list()[0]!;
    expect(stalled.generated).toBe(calls.length);
    expect(stalled.generated).toBeLessThanOrEqual(2 * 32);
    expect(stalled.skipped).toBeGreaterThan(0);
    expect(stalled.generated + stalled.skipped).toBe(121); // updates 0..120 are due at t = 6 s
    // The engine catches up: generation resumes, nothing in flight is lost.
    for (const c of calls) c.settle();
    await vi.advanceTimersByTimeAsync(1000);
    const after = sim.list()[0]!;
    expect(after.generated + after.skipped).toBe(141);
    for (const c of calls) c.settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(sim.list()[0]!.applied).toBe(calls.length);
    sim.stopAll();
  });
});
