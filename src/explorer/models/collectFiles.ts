/**
 * Files from a file picker, a folder picker or a drop (files, folders via the entries API, zips), as
 * InputFiles with their relative paths. DOM only; the reading logic is in readModelFiles.ts.
 */
import type { InputFile } from './readModelFiles.ts';

async function fromFile(file: File, path?: string): Promise<InputFile> {
  return { name: path ?? (file.webkitRelativePath || file.name), data: new Uint8Array(await file.arrayBuffer()) };
}

export async function filesFromList(list: FileList | File[]): Promise<InputFile[]> {
  return Promise.all([...list].map((f) => fromFile(f)));
}

function readAllEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (!batch.length) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, out: InputFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push(await fromFile(file, entry.fullPath.replace(/^\//, '')));
  } else if (entry.isDirectory) {
    const children = await readAllEntries(entry as FileSystemDirectoryEntry);
    children.sort((a, b) => a.name.localeCompare(b.name));
    for (const c of children) await walk(c, out);
  }
}

/**
 * Must be called synchronously inside the drop handler (entries are only available during the event);
 * the returned promise reads them afterwards.
 */
export function filesFromDrop(dt: DataTransfer): Promise<InputFile[]> {
  const entries: Array<FileSystemEntry | File> = [];
  for (const item of [...dt.items]) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else {
      const f = item.getAsFile();
      if (f) entries.push(f);
    }
  }
  if (!entries.length && dt.files.length) entries.push(...dt.files);
  return (async () => {
    const out: InputFile[] = [];
    for (const e of entries) {
      if (e instanceof File) out.push(await fromFile(e));
      else await walk(e, out);
    }
    return out;
  })();
}

export function dropHasFiles(dt: DataTransfer | null): boolean {
  return !!dt && [...dt.types].includes('Files');
}
