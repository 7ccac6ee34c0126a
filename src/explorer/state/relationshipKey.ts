/**
 * Canvas key of a relationship. Relationship ids are unique per source twin only, so the key is the ADT event
 * subject form `<sourceId>/relationships/<relationshipId>`: the same string Relationship.* events carry.
 */
const SEP = '/relationships/';

export function relationshipKey(sourceId: string, relationshipId: string): string {
  return `${sourceId}${SEP}${relationshipId}`;
}

/** Splits a key made by relationshipKey (or an event subject); null when it is not one. */
export function parseRelationshipKey(key: string): { sourceId: string; relationshipId: string } | null {
  const at = key.indexOf(SEP);
  if (at <= 0) return null;
  return { sourceId: key.slice(0, at), relationshipId: key.slice(at + SEP.length) };
}
