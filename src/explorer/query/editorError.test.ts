import { describe, expect, it } from 'vitest';
import { offsetOf } from './editorError.ts';

describe('offsetOf', () => {
  const text = 'SELECT *\nFROM DIGITALTWINS T\nWHERE T.x >';
  it('prefers the offset, clamped to the text', () => {
    expect(offsetOf(text, { message: '', offset: 9, line: 9, column: 9 })).toBe(9);
    expect(offsetOf(text, { message: '', offset: 999 })).toBe(text.length);
  });
  it('computes the offset from a line and a 1-based column', () => {
    expect(offsetOf(text, { message: '', line: 2, column: 1 })).toBe(9);
    expect(text[offsetOf(text, { message: '', line: 3, column: 7 })!]).toBe('T');
    expect(offsetOf(text, { message: '', line: 3, column: 99 })).toBe(text.length);
  });
  it('has no position without either', () => {
    expect(offsetOf(text, { message: 'x' })).toBeUndefined();
  });
});
