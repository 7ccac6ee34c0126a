/** DTMI helpers: `dtmi:com:example:Room;2` -> base `dtmi:com:example:Room`, version 2. */
export function splitDtmi(id: string): { base: string; version: number } {
  const i = id.lastIndexOf(';');
  if (i < 0) return { base: id, version: NaN };
  return { base: id.slice(0, i), version: Number(id.slice(i + 1)) };
}

/**
 * ADT's IS_OF_MODEL version rule: `candidate` satisfies `wanted` when both have the same base and the candidate's
 * version is >= the wanted one (a DTMI without version matches only itself).
 */
export function dtmiSatisfies(candidate: string, wanted: string): boolean {
  if (candidate === wanted) return true;
  const c = splitDtmi(candidate);
  const w = splitDtmi(wanted);
  return c.base === w.base && Number.isFinite(c.version) && Number.isFinite(w.version) && c.version >= w.version;
}
