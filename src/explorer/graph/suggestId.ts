/** A unique twin id suggestion for a model: `<ShortName>-<n>` with the smallest n not taken. */
export function suggestTwinId(shortName: string, taken: (id: string) => boolean): string {
  const base = shortName.replace(/[^A-Za-z0-9_-]/g, '') || 'Twin';
  for (let n = 1; n < 100_000; n++) {
    const id = `${base}-${n}`;
    if (!taken(id)) return id;
  }
  return `${base}-${Date.now()}`;
}
