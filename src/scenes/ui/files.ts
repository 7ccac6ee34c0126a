/** Browser file helpers of the studio (download a JSON file, read a picked file). */
export function downloadJson(name: string, data: unknown): void {
  downloadBlob(name, new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
}

export function downloadBytes(bytes: Uint8Array, name: string): void {
  downloadBlob(name, new Blob([bytes as BlobPart], { type: 'application/zip' }));
}

/** A file name stem from a scene's display name. */
export function packageBaseName(displayName: string | null | undefined): string {
  return (displayName ?? 'scenes').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenes';
}

function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function readJsonFile(file: File): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  try {
    return { ok: true, value: JSON.parse(await file.text()) };
  } catch (e) {
    return { ok: false, message: `${file.name} is not JSON: ${(e as Error).message}` };
  }
}
