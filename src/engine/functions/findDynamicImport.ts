/**
 * Finds a dynamic `import(...)` (or `import.meta`) in a user function's source. A sandbox worker from a Blob URL
 * has no Content-Security-Policy of its own, so `import('https://…')` or `import('data:text/javascript,…')`
 * would load and run code past the removed network APIs: a function without network access is refused when its
 * source has one. Strings and comments are not told apart from code on purpose: a tokenizer that misreads a
 * regular expression as a division could be led to treat real code as a string; `import` cannot be spelled with
 * escapes (a keyword with escapes is a syntax error) and cannot be built from strings at run time (the sandbox
 * removes eval, the Function constructors and string timers), so this scan cannot be dodged. Comments between
 * `import` and `(` are skipped.
 */
export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

const WORD = /(?<![A-Za-z0-9_$\u0080-\uffff])import(?![A-Za-z0-9_$\u0080-\uffff])/g;

export function findDynamicImport(code: string): SourcePosition | null {
  WORD.lastIndex = 0;
  for (let m = WORD.exec(code); m; m = WORD.exec(code)) {
    const next = code[skipSpaceAndComments(code, m.index + 'import'.length)];
    if (next === '(' || next === '.') return positionOf(code, m.index);
  }
  return null;
}

function skipSpaceAndComments(code: string, at: number): number {
  let i = at;
  for (;;) {
    while (i < code.length && /\s/.test(code[i]!)) i++;
    if (code.startsWith('/*', i)) {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? code.length : end + 2;
    } else if (code.startsWith('//', i)) {
      const end = code.slice(i).search(/[\n\r\u2028\u2029]/);
      i = end < 0 ? code.length : i + end;
    } else return i;
  }
}

function positionOf(code: string, index: number): SourcePosition {
  const before = code.slice(0, index).split(/\r\n|[\n\r\u2028\u2029]/);
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
