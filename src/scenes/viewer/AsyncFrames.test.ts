import { PerspectiveCamera, Scene, type WebGLRenderer } from 'three';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AsyncFrames } from './AsyncFrames.ts';

/**
 * A renderer over a fake WebGL 2 context whose fences signal when the test says the GPU has finished, recording
 * what reached the canvas (blits) and what was rendered off screen.
 */
function fakeRenderer() {
  const log: string[] = [];
  let gpuDone = false;
  const SIGNALED = 0x9119;
  const gl = {
    SYNC_GPU_COMMANDS_COMPLETE: 0x9117, SYNC_STATUS: 0x9114, SIGNALED, UNSIGNALED: 0x9118,
    READ_FRAMEBUFFER: 0x8ca8, DRAW_FRAMEBUFFER: 0x8ca9, COLOR_BUFFER_BIT: 0x4000, NEAREST: 0x2600,
    fenceSync: () => { gpuDone = false; return {}; },
    getSyncParameter: () => (gpuDone ? SIGNALED : 0x9118),
    deleteSync: () => {},
    flush: () => log.push('flush'),
    isContextLost: () => false,
    blitFramebuffer: (...a: number[]) => log.push(`blit ${a[2]}x${a[3]}`),
  };
  const renderer = {
    getContext: () => gl,
    getDrawingBufferSize: (v: { set(x: number, y: number): unknown }) => v.set(300, 200),
    getRenderTarget: () => null,
    setRenderTarget: (t: { isXRRenderTarget?: boolean } | null) => { if (t) log.push(`target xr=${!!t.isXRRenderTarget}`); },
    render: () => log.push('render'),
    properties: { get: () => ({ __webglFramebuffer: {} }) },
    state: { setScissorTest: () => {}, bindFramebuffer: () => {} },
  } as unknown as WebGLRenderer;
  return { renderer, log, finishGpu: () => { gpuDone = true; } };
}

/** Lets timers (fence polls), animation frames and the after-commit message run. */
async function settle(ms = 10) {
  await vi.advanceTimersByTimeAsync(ms);
  await new Promise((r) => setImmediate(r));
  await vi.advanceTimersByTimeAsync(ms);
}

describe('AsyncFrames (software WebGL: render off screen, show when the GPU process is done)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => setTimeout(() => cb(0), 16));
  });
  afterEach(() => { vi.useRealTimers(); vi.unstubAllGlobals(); });

  it('renders into a target with the final output, and puts it on the canvas only once the fence signals', async () => {
    const { renderer, log, finishGpu } = fakeRenderer();
    const frames = new AsyncFrames(renderer, () => {});
    const shown: number[] = [];
    frames.onShown = (at) => shown.push(at);
    frames.render(new Scene(), new PerspectiveCamera());
    expect(log).toEqual(['target xr=true', 'render', 'flush']);
    expect(frames.busy).toBe(true);
    await settle();
    expect(log.filter((l) => l.startsWith('blit'))).toEqual([]); // not finished: nothing on the canvas yet
    finishGpu();
    await settle();
    expect(log.filter((l) => l.startsWith('blit'))).toEqual(['blit 300x200']);
    expect(frames.busy).toBe(false);
    expect(shown).toHaveLength(1);
    frames.dispose();
  });

  it('turns the frames asked for while one is in flight into one frame, started after the commit that shows the first', async () => {
    const { renderer, log, finishGpu } = fakeRenderer();
    let runs = 0;
    const scene = new Scene();
    const camera = new PerspectiveCamera();
    const frames = new AsyncFrames(renderer, () => { runs++; frames.render(scene, camera); });
    const whenShown: Array<[number, number]> = [];
    frames.render(scene, camera);
    frames.render(scene, camera);
    frames.whenShown((at, from) => whenShown.push([at, from])); // for the next frame started, not the one in flight
    frames.render(scene, camera);
    expect(log.filter((l) => l === 'render')).toHaveLength(1);
    finishGpu();
    await settle(5); // fence seen, picture blitted; the commit reading it back has not run yet
    expect(log.filter((l) => l.startsWith('blit'))).toHaveLength(1);
    expect(log.filter((l) => l === 'render')).toHaveLength(1);
    expect(whenShown).toHaveLength(0);
    await settle(20); // after the next animation frame's commit: the pending frame starts (once)
    expect(runs).toBe(1);
    expect(log.filter((l) => l === 'render')).toHaveLength(2);
    finishGpu();
    await settle(20);
    expect(whenShown).toHaveLength(1);
    expect(runs).toBe(1); // nothing asked for since
    frames.dispose();
  });

  it('takes a frame asked for while deferring without a render-loop frame now, and runs it after the commit', async () => {
    const { renderer, finishGpu } = fakeRenderer();
    let runs = 0;
    const frames = new AsyncFrames(renderer, () => { runs++; });
    expect(frames.deferring).toBe(false);
    frames.defer(); // nothing in flight: nothing to put off (the caller renders now)
    frames.render(new Scene(), new PerspectiveCamera());
    expect(frames.deferring).toBe(true);
    frames.defer();
    finishGpu();
    await settle(5);
    expect(frames.deferring).toBe(true); // on the canvas, not yet read back
    expect(runs).toBe(0);
    await settle(20);
    expect(frames.deferring).toBe(false);
    expect(runs).toBe(1);
    frames.dispose();
  });

  it('does nothing once disposed', async () => {
    const { renderer, log, finishGpu } = fakeRenderer();
    const frames = new AsyncFrames(renderer, () => {});
    frames.render(new Scene(), new PerspectiveCamera());
    frames.dispose();
    finishGpu();
    await settle(20);
    expect(log.filter((l) => l.startsWith('blit'))).toEqual([]);
    frames.render(new Scene(), new PerspectiveCamera());
    expect(log.filter((l) => l === 'render')).toHaveLength(1);
  });
});
