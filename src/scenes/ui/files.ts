import { downloadBlob } from '../../app/files/downloadBlob.ts';

/** Browser file helpers of the studio (download a JSON file, read a picked file). */
export function downloadJson(name: string, data: unknown): void {
  downloadBlob(JSON.stringify(data, null, 2), name, 'application/json');
}

export function downloadBytes(bytes: Uint8Array, name: string): void {
  downloadBlob(bytes as BlobPart, name, 'application/zip');
}

/** A file name stem from a scene's display name. */
export function packageBaseName(displayName: string | null | undefined): string {
  return (displayName ?? 'scenes').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenes';
}

export async function readJsonFile(file: File): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  try {
    return { ok: true, value: JSON.parse(await file.text()) };
  } catch (e) {
    return { ok: false, message: `${file.name} is not JSON: ${(e as Error).message}` };
  }
}
