import { describe, expect, it } from 'vitest';
import { dropHasFiles, filesFromDrop } from './collectFiles.ts';

// Minimal stand-ins for the browser's entries API (FileSystemDirectoryEntry.createReader().readEntries returns
// children in batches until an empty batch), enough to exercise the folder walk.
function fileEntry(fullPath: string, text: string) {
  const name = fullPath.split('/').pop()!;
  return { isFile: true, isDirectory: false, name, fullPath, file: (ok: (f: File) => void) => ok(new File([text], name)) };
}
function dirEntry(fullPath: string, children: unknown[], batch = 2) {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split('/').pop()!,
    fullPath,
    createReader() {
      let i = 0;
      return {
        readEntries(ok: (entries: unknown[]) => void) {
          const part = children.slice(i, i + batch);
          i += batch;
          setTimeout(() => ok(part));
        },
      };
    },
  };
}
function transfer(items: Array<{ entry: unknown; file?: File }>, types = ['Files']) {
  return {
    types,
    files: [] as File[],
    items: items.map((it) => ({ kind: 'file', webkitGetAsEntry: () => it.entry, getAsFile: () => it.file ?? null })),
  } as unknown as DataTransfer;
}

describe('filesFromDrop', () => {
  it('walks dropped folders (all readEntries batches), keeping relative paths, and plain files', async () => {
    const folder = dirEntry('/models', [
      fileEntry('/models/b.json', '{"b":1}'),
      dirEntry('/models/sub', [fileEntry('/models/sub/c.json', '{}')]),
      fileEntry('/models/a.json', '{"a":1}'),
    ]);
    const loose = new File(['x'], 'loose.json');
    const files = await filesFromDrop(transfer([{ entry: folder }, { entry: null, file: loose }]));
    expect(files.map((f) => f.name)).toEqual(['models/a.json', 'models/b.json', 'models/sub/c.json', 'loose.json']);
    expect(new TextDecoder().decode(files[0].data as Uint8Array)).toBe('{"a":1}');
  });
  it('recognises file drags only', () => {
    expect(dropHasFiles(transfer([], ['Files']))).toBe(true);
    expect(dropHasFiles(transfer([], ['application/x-twinscape-model']))).toBe(false);
    expect(dropHasFiles(null)).toBe(false);
  });
});
