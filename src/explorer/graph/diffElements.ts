/**
 * What changed between the elements the canvas drew last time and the ones it should draw now. Values are
 * compared by identity (the store keeps unchanged objects), so a diff of 10,000 nodes is one Map walk.
 */
export interface ElementDiff {
  add: string[];
  remove: string[];
  update: string[];
}

export function diffElements(prev: ReadonlyMap<string, unknown>, next: ReadonlyMap<string, unknown>): ElementDiff {
  const add: string[] = [];
  const update: string[] = [];
  const remove: string[] = [];
  for (const [id, value] of next) {
    if (!prev.has(id)) add.push(id);
    else if (prev.get(id) !== value) update.push(id);
  }
  for (const id of prev.keys()) if (!next.has(id)) remove.push(id);
  return { add, remove, update };
}
