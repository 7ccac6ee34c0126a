import { describe, expect, it } from 'vitest';
import { findDynamicImport } from './findDynamicImport.ts';

describe('findDynamicImport', () => {
  it('finds import( and import. with their line and column, also behind comments and line breaks', () => {
    expect(findDynamicImport("async function onEvent() {\n  await import('data:text/javascript,1');\n}")).toEqual({ line: 2, column: 9 });
    expect(findDynamicImport('const m = import /* hidden */ (\n"https://example.com/x.js")')).toEqual({ line: 1, column: 11 });
    expect(findDynamicImport('x = import // note\n  ("y")')).toEqual({ line: 1, column: 5 });
    expect(findDynamicImport('import.meta.url')).toEqual({ line: 1, column: 1 });
    // A regular expression that a tokenizer could misread as a division does not hide it.
    expect(findDynamicImport("if (a) /[//]/.test(s); import('data:,x')")).toEqual({ line: 1, column: 24 });
    expect(findDynamicImport("const s = 'import(\"x\")';")).toEqual({ line: 1, column: 12 });
  });

  it('leaves the word alone where it cannot load code', () => {
    expect(findDynamicImport('// import the readings\nconst importance = 1; const reimport = 2; api.log("import data");')).toBeNull();
    expect(findDynamicImport('const $import = (x) => x; $import(1); my_import(2);')).toBeNull();
  });
});
