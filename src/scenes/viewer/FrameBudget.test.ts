import { describe, expect, it } from 'vitest';
import { FrameBudget } from './FrameBudget.ts';

function clock() {
  let t = 0;
  const timers: Array<{ at: number; fn: () => void }> = [];
  return {
    now: () => t,
    setTimer: (fn: () => void, ms: number) => { timers.push({ at: t + ms, fn }); },
    advance(ms: number) {
      t += ms;
      for (const x of timers.filter((x) => x.at <= t)) { timers.splice(timers.indexOf(x), 1); x.fn(); }
    },
    pending: () => timers.length,
  };
}

describe('FrameBudget', () => {
  it('renders at once while frames are cheap', () => {
    const c = clock();
    let frames = 0;
    const b = new FrameBudget(() => frames++, { now: c.now, setTimer: c.setTimer });
    b.request();
    b.frameDone(1);
    c.advance(5);
    b.request();
    expect(frames).toBe(2);
    expect(c.pending()).toBe(0);
  });

  it('after an expensive frame, waits an idle gap and merges the requests made meanwhile into one frame', () => {
    const c = clock();
    let frames = 0;
    const b = new FrameBudget(() => frames++, { now: c.now, setTimer: c.setTimer, idleRatio: 2, maxGapMs: 500 });
    b.frameDone(60); // a 60 ms frame just ended -> live frames wait 120 ms
    expect(b.gapMs()).toBe(120);
    b.request();
    c.advance(50);
    b.request();
    b.request();
    expect(frames).toBe(0);
    c.advance(70);
    expect(frames).toBe(1);
    expect(c.pending()).toBe(0);
  });

  it('never waits longer than maxGapMs', () => {
    const c = clock();
    let frames = 0;
    const b = new FrameBudget(() => frames++, { now: c.now, setTimer: c.setTimer, idleRatio: 10, maxGapMs: 200 });
    b.frameDone(400);
    b.request();
    c.advance(199);
    expect(frames).toBe(0);
    c.advance(1);
    expect(frames).toBe(1);
  });
});
