import { describe, expect, it } from 'vitest';
import { addToHistory, deleteSaved, HISTORY_LIMIT, loadBook, saveBook, saveQuery, storageKey } from './queryStorage.ts';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('query book', () => {
  it('keeps history most-recent-first without duplicates, capped', () => {
    let b = loadBook(undefined, 'w');
    b = addToHistory(b, 'SELECT 1', 't1');
    b = addToHistory(b, ' SELECT 2 ', 't2');
    b = addToHistory(b, 'SELECT 1', 't3');
    b = addToHistory(b, '   ', 't4');
    expect(b.history).toEqual([{ query: 'SELECT 1', at: 't3' }, { query: 'SELECT 2', at: 't2' }]);
    for (let i = 0; i < 80; i++) b = addToHistory(b, `q${i}`, 't');
    expect(b.history).toHaveLength(HISTORY_LIMIT);
    expect(b.history[0].query).toBe('q79');
  });
  it('saves named queries (same name replaces), deletes, persists per workspace', () => {
    const s = memory();
    let b = saveQuery(loadBook(s, 'a'), 'rooms', 'SELECT r');
    b = saveQuery(b, 'all', 'SELECT *');
    b = saveQuery(b, 'rooms', 'SELECT r2');
    expect(b.saved).toEqual([{ name: 'all', query: 'SELECT *' }, { name: 'rooms', query: 'SELECT r2' }]);
    saveBook(s, 'a', deleteSaved(b, 'all'));
    expect(loadBook(s, 'a').saved).toEqual([{ name: 'rooms', query: 'SELECT r2' }]);
    expect(loadBook(s, 'b').saved).toEqual([]);
    s.m.set(storageKey('c'), '{not json');
    expect(loadBook(s, 'c')).toEqual({ version: 1, history: [], saved: [] });
  });
});
