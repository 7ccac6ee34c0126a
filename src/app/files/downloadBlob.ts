/** Saves data as a file through the browser's download (the one download helper of every view). */
export function downloadBlob(data: BlobPart, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked late: a large download may still be reading the URL for a while.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
