import { describe, expect, it } from 'vitest';
import { UndoStack, type Command, type CommandResult } from './undoStack.ts';

/** A command over a tiny in-memory "engine": a list of values. */
function push(log: string[], value: string, fail?: { run?: boolean; undo?: boolean }): Command {
  return {
    label: `add ${value}`,
    run: async (): Promise<CommandResult> => {
      if (fail?.run) return { ok: false, message: 'refused' };
      log.push(value);
      return { ok: true };
    },
    undo: async (): Promise<CommandResult> => {
      if (fail?.undo) return { ok: false, message: 'refused' };
      const i = log.lastIndexOf(value);
      if (i < 0) return { ok: false, message: 'missing' };
      log.splice(i, 1);
      return { ok: true };
    },
  };
}

describe('UndoStack', () => {
  it('undoes and redoes in order, and a new edit clears redo', async () => {
    const log: string[] = [];
    const s = new UndoStack();
    await s.execute(push(log, 'a'));
    await s.execute(push(log, 'b'));
    expect(s.getSnapshot().undoLabel).toBe('add b');
    await s.undo();
    expect(log).toEqual(['a']);
    expect(s.getSnapshot().redoLabel).toBe('add b');
    await s.redo();
    expect(log).toEqual(['a', 'b']);
    await s.undo();
    await s.execute(push(log, 'c'));
    expect(log).toEqual(['a', 'c']);
    expect(s.getSnapshot().redoLabel).toBeNull();
    expect(await s.redo()).toBeNull();
  });

  it('does not record a failed command, and a failed undo keeps it', async () => {
    const log: string[] = [];
    const s = new UndoStack();
    const r = await s.execute(push(log, 'x', { run: true }));
    expect(r.ok).toBe(false);
    expect(s.getSnapshot().undoLabel).toBeNull();
    await s.execute(push(log, 'y', { undo: true }));
    const u = await s.undo();
    expect(u && u.ok).toBe(false);
    expect(s.getSnapshot().undoLabel).toBe('add y');
    expect(log).toEqual(['y']);
  });

  it('keeps at most `limit` commands and notifies subscribers', async () => {
    const log: string[] = [];
    const s = new UndoStack(2);
    let calls = 0;
    s.subscribe(() => calls++);
    for (const v of ['1', '2', '3']) await s.execute(push(log, v));
    await s.undo();
    await s.undo();
    expect(await s.undo()).toBeNull();
    expect(log).toEqual(['1']);
    expect(calls).toBeGreaterThan(0);
  });

  it('refuses overlapping edits', async () => {
    const s = new UndoStack();
    let release!: () => void;
    const slow: Command = { label: 'slow', run: () => new Promise((r) => { release = () => r({ ok: true }); }), undo: async () => ({ ok: true }) };
    const first = s.execute(slow);
    const second = await s.execute({ label: 'fast', run: async () => ({ ok: true }), undo: async () => ({ ok: true }) });
    expect(second.ok).toBe(false);
    release();
    expect((await first).ok).toBe(true);
  });
});
