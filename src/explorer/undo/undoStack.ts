/**
 * Undo/redo of graph edits. A Command knows how to do and undo itself through engine commands; the stack
 * only orders them. A command that fails is not recorded (and a failed undo/redo keeps the stack as it was),
 * so the stack never claims an edit that the engine refused.
 */
export type CommandResult = { ok: true } | { ok: false; message: string };

export interface Command {
  label: string;
  run(): Promise<CommandResult>;
  undo(): Promise<CommandResult>;
}

export interface UndoSnapshot {
  undoLabel: string | null;
  redoLabel: string | null;
  busy: boolean;
}

export class UndoStack {
  private done: Command[] = [];
  private undone: Command[] = [];
  private busy = false;
  private listeners = new Set<() => void>();
  private snapshot: UndoSnapshot = { undoLabel: null, redoLabel: null, busy: false };

  constructor(private readonly limit = 200) {}

  /** Runs a command and records it when it succeeds. */
  async execute(cmd: Command): Promise<CommandResult> {
    return this.exclusive(async () => {
      const r = await cmd.run();
      if (r.ok) {
        this.done.push(cmd);
        if (this.done.length > this.limit) this.done.shift();
        this.undone = [];
      }
      return r;
    });
  }

  /** Records an edit that already happened (e.g. a node drag) without running it. */
  record(cmd: Command): void {
    this.done.push(cmd);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
    this.emit();
  }

  async undo(): Promise<CommandResult | null> {
    if (this.done.length === 0 || this.busy) return null;
    return this.exclusive(async () => {
      const cmd = this.done[this.done.length - 1];
      const r = await cmd.undo();
      if (r.ok) {
        this.done.pop();
        this.undone.push(cmd);
      }
      return r;
    });
  }

  async redo(): Promise<CommandResult | null> {
    if (this.undone.length === 0 || this.busy) return null;
    return this.exclusive(async () => {
      const cmd = this.undone[this.undone.length - 1];
      const r = await cmd.run();
      if (r.ok) {
        this.undone.pop();
        this.done.push(cmd);
      }
      return r;
    });
  }

  clear(): void {
    this.done = [];
    this.undone = [];
    this.emit();
  }

  getSnapshot = (): UndoSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async exclusive(fn: () => Promise<CommandResult>): Promise<CommandResult> {
    if (this.busy) return { ok: false, message: 'another edit is still running' };
    this.busy = true;
    this.emit();
    try {
      return await fn();
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    } finally {
      this.busy = false;
      this.emit();
    }
  }

  private emit(): void {
    this.snapshot = {
      undoLabel: this.done.at(-1)?.label ?? null,
      redoLabel: this.undone.at(-1)?.label ?? null,
      busy: this.busy,
    };
    for (const l of this.listeners) l();
  }
}
