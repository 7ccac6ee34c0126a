/**
 * Frames that do not block the main thread on software WebGL.
 *
 * Under SwiftShader the GPU process rasterises every frame on the CPU, and Chromium's software compositor reads
 * the WebGL canvas back, synchronously, in the commit of the frame that drew on it: the main thread waits for the
 * whole frame there (a 1,000-box view: 40-80 ms tasks, during which no engine event is handled). So here a frame
 * is drawn into an off-screen target instead — the canvas stays untouched, the commit reads nothing back — and a
 * fence tells when the GPU process has finished it (polled from timers, not waited for). Only then is the picture
 * copied to the canvas (a framebuffer blit), whose read-back in the next commit costs a copy, not a render.
 * One frame is in flight at a time; frames asked for meanwhile become one frame after it.
 *
 * The off-screen target holds what the canvas would: three renders into it with the renderer's tone mapping and
 * output colour space (the render target is flagged as an XR one, which is how three lets a target receive the
 * final output) in 8-bit RGBA, so the blit copies the very bytes a direct render would have written.
 */
import { SRGBColorSpace, UnsignedByteType, Vector2, WebGLRenderTarget, type Camera, type Object3D, type WebGLRenderer } from 'three';

const POLL_MS = 2;
const size = new Vector2();

export class AsyncFrames {
  private target: WebGLRenderTarget | null = null;
  private fence: WebGLSync | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** A frame was asked for while one was in flight or its picture not yet read back by the compositor. */
  private pending = false;
  /** The canvas got a picture this frame: no new render until the commit that reads it back is over. */
  private holding = false;
  private disposed = false;
  private readonly afterCommit = new MessageChannel();
  private waiting: Array<(shownAt: number, renderedFrom: number) => void> = [];
  private inFlight: Array<(shownAt: number, renderedFrom: number) => void> = [];
  private startedAt = 0;
  /** Called every time a frame reaches the canvas: when, and when its render started. */
  onShown: ((shownAt: number, renderedFrom: number) => void) | null = null;

  /** Whether this renderer can do it (WebGL 2 fences, no multisampled canvas to blit into). */
  static supported(renderer: WebGLRenderer): boolean {
    const gl = renderer.getContext();
    return typeof WebGL2RenderingContext !== 'undefined' && gl instanceof WebGL2RenderingContext && !gl.getContextAttributes()?.antialias;
  }

  /**
   * @param frameNow runs a frame of the render loop now (R3F's advance), which calls `render` — used to start the
   *   frame asked for meanwhile right after the commit, rather than one animation frame later
   * @param now the clock of the times given to frame listeners
   */
  constructor(private readonly renderer: WebGLRenderer, private readonly frameNow: () => void, private readonly now: () => number = () => performance.now()) {
    this.afterCommit.port1.onmessage = () => {
      this.holding = false;
      if (this.pending && !this.fence && !this.disposed) { this.pending = false; this.frameNow(); }
    };
  }

  /** Whether a frame is being rendered now (started, not yet on the canvas). */
  get busy(): boolean {
    return this.fence !== null;
  }

  /** Whether a frame asked for now would be put off (one in flight, or its picture not yet read back). */
  get deferring(): boolean {
    return this.fence !== null || this.holding;
  }

  /** Asks for a frame after the one in flight (run through `frameNow`), without a frame of the render loop now. */
  defer(): void {
    if (this.deferring) this.pending = true;
  }

  /** Calls `listener` once, when the next frame rendered (started after this call) is on the canvas. */
  whenShown(listener: (shownAt: number, renderedFrom: number) => void): void {
    this.waiting.push(listener);
  }

  /** Renders a frame off screen, or — while one is in flight — asks for one after it. */
  render(scene: Object3D, camera: Camera): void {
    if (this.disposed) return;
    if (this.fence || this.holding) { this.pending = true; return; }
    const r = this.renderer;
    const gl = r.getContext() as WebGL2RenderingContext;
    r.getDrawingBufferSize(size);
    if (!this.target) {
      this.target = new WebGLRenderTarget(size.x, size.y, { type: UnsignedByteType, depthBuffer: true, colorSpace: SRGBColorSpace });
      (this.target as WebGLRenderTarget & { isXRRenderTarget: boolean }).isXRRenderTarget = true;
    } else if (this.target.width !== size.x || this.target.height !== size.y) this.target.setSize(size.x, size.y);
    this.startedAt = this.now();
    this.inFlight = this.waiting;
    this.waiting = [];
    const prev = r.getRenderTarget();
    r.setRenderTarget(this.target);
    r.render(scene, camera);
    r.setRenderTarget(prev);
    this.fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    gl.flush();
    if (!this.fence) { this.present(); return; }
    this.poll();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.fence) (this.renderer.getContext() as WebGL2RenderingContext).deleteSync(this.fence);
    this.fence = null;
    this.target?.dispose();
    this.target = null;
    this.afterCommit.port1.close();
  }

  private poll(): void {
    this.timer = setTimeout(() => this.check(), POLL_MS);
  }

  private check(): void {
    this.timer = null;
    if (this.disposed || !this.fence) return;
    const gl = this.renderer.getContext() as WebGL2RenderingContext;
    if (gl.isContextLost()) { this.fence = null; return; }
    if (gl.getSyncParameter(this.fence, gl.SYNC_STATUS) !== gl.SIGNALED) { this.poll(); return; }
    gl.deleteSync(this.fence);
    this.fence = null;
    this.present();
  }

  /** Copies the finished picture to the canvas; the next frame starts after the commit that reads it back. */
  private present(): void {
    const target = this.target;
    if (!target) return;
    const r = this.renderer;
    const gl = r.getContext() as WebGL2RenderingContext;
    const fb = (r.properties.get(target) as { __webglFramebuffer?: WebGLFramebuffer }).__webglFramebuffer;
    if (fb) {
      r.state.setScissorTest(false);
      r.state.bindFramebuffer(gl.READ_FRAMEBUFFER, fb);
      r.state.bindFramebuffer(gl.DRAW_FRAMEBUFFER, null);
      gl.blitFramebuffer(0, 0, target.width, target.height, 0, 0, target.width, target.height, gl.COLOR_BUFFER_BIT, gl.NEAREST);
      r.state.bindFramebuffer(gl.READ_FRAMEBUFFER, null);
    }
    const shown = this.inFlight;
    this.inFlight = [];
    const at = this.now();
    for (const l of shown) l(at, this.startedAt);
    this.onShown?.(at, this.startedAt);
    // The canvas is read back in the next frame's commit: hold new renders until after it (a message posted from
    // that frame's animation callback runs once the frame's task, commit included, is over).
    this.holding = true;
    requestAnimationFrame(() => this.afterCommit.port2.postMessage(0));
  }
}
