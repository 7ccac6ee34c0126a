/**
 * Paces the frames that live rule updates ask for. Rendering on demand means one frame per animation frame while
 * patches stream in; where a frame is expensive for the main thread (software WebGL: Chromium's software
 * compositor reads every WebGL frame back, synchronously, in the frame's commit), back-to-back frames would leave
 * no time to apply the next events. So after a frame that cost `c` ms of main-thread time, live frames wait
 * `c * idleRatio` ms (capped at `maxGapMs`): at least that share of the main thread stays free for events, and a
 * new colour still reaches the screen within about one frame cost plus the gap. Interactive frames (orbiting,
 * picking) do not go through this. On a GPU a frame costs about a millisecond, so the gap is nil.
 */
export interface FrameBudgetOptions {
  /** Idle time after a frame, as a multiple of its cost. */
  idleRatio?: number;
  /** The longest wait between a request and its frame. */
  maxGapMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export class FrameBudget {
  private lastFrameEnd = -Infinity;
  private lastCost = 0;
  private scheduled = false;
  private readonly idleRatio: number;
  private readonly maxGapMs: number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;

  constructor(private readonly invalidate: () => void, opts: FrameBudgetOptions = {}) {
    this.idleRatio = opts.idleRatio ?? 1.5;
    this.maxGapMs = opts.maxGapMs ?? 250;
    this.now = opts.now ?? (() => performance.now());
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  }

  /** The gap a live frame waits for after the last frame, given that frame's cost. */
  gapMs(): number {
    return Math.min(this.maxGapMs, this.lastCost * this.idleRatio);
  }

  /** Asks for a live frame: now if the budget allows, else once the idle gap has passed (one frame for many requests). */
  request(): void {
    if (this.scheduled) return;
    const wait = this.lastFrameEnd + this.gapMs() - this.now();
    if (wait <= 0) { this.invalidate(); return; }
    this.scheduled = true;
    this.setTimer(() => { this.scheduled = false; this.invalidate(); }, wait);
  }

  /** Records a rendered frame: when it ended and how much main-thread time it took (render + commit). */
  frameDone(costMs: number, endedAt = this.now()): void {
    this.lastCost = costMs;
    this.lastFrameEnd = endedAt;
  }
}

/** True when WebGL runs on a software rasteriser (SwiftShader, llvmpipe): no MSAA there, it costs the main thread. */
export function isSoftwareWebGL(): boolean {
  if (softwareWebGL !== null) return softwareWebGL;
  softwareWebGL = false;
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      softwareWebGL = /swiftshader|llvmpipe|software|basic render/i.test(renderer);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch (_e) { /* no WebGL: the viewer says so */ }
  return softwareWebGL;
}
let softwareWebGL: boolean | null = null;
