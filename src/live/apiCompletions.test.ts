import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../engine/functions/sandboxSource.ts';
import { API_COMPLETIONS, apiCompletions } from './apiCompletions.ts';

const at = (before: string) => ({
  matchBefore: (re: RegExp) => {
    const m = new RegExp(`(?:${re.source})$`).exec(before);
    return m ? { from: m.index, to: before.length, text: m[0] } : null;
  },
});

describe('function editor completions', () => {
  it('offers every method of the sandbox API, with its signature, plus warn and error', () => {
    expect(API_COMPLETIONS.map((c) => c.label).sort()).toEqual([...API_METHODS, 'log', 'warn', 'error'].sort());
    expect(API_COMPLETIONS.find((c) => c.label === 'patchTwin')!.detail).toBe('(id: string, patch: JsonPatchOp[]): Promise<Twin>');
    expect(API_COMPLETIONS.find((c) => c.label === 'query')!.info).toBe('all rows');
  });

  it('completes after api. only', () => {
    const r = apiCompletions(at('  await api.pat'));
    expect(r?.from).toBe('  await api.'.length);
    expect(apiCompletions(at('  await api.'))?.from).toBe('  await api.'.length);
    expect(apiCompletions(at('  await myapi.pat'))).toBeNull();
    expect(apiCompletions(at('  x.api.pat'))).toBeNull();
    expect(apiCompletions(at('  await api'))).toBeNull();
  });
});
