/**
 * Which relationship names a source twin may use towards a target twin (DTDL `target`, inherited
 * relationships, untargeted ones), and whether only the reverse direction fits (offer a swap).
 */
import type { ContentInfo, InterfaceInfo } from '../../dtdl/index.ts';

export interface RelationshipOption {
  name: string;
  displayName?: string;
  /** The relationship's own properties (for values at creation). */
  properties: ContentInfo[];
  /** Declared target model, if any. */
  target?: string;
}

export function isA(interfaces: ReadonlyMap<string, InterfaceInfo>, model: string, base: string): boolean {
  if (model === base) return true;
  return interfaces.get(model)?.ancestors.includes(base) ?? false;
}

export function relationshipOptions(
  interfaces: ReadonlyMap<string, InterfaceInfo>, sourceModel: string, targetModel: string,
): RelationshipOption[] {
  const source = interfaces.get(sourceModel);
  if (!source) return [];
  const out: RelationshipOption[] = [];
  for (const content of source.contents.values()) {
    if (content.kind !== 'Relationship') continue;
    if (content.target && !isA(interfaces, targetModel, content.target)) continue;
    out.push({
      name: content.name,
      displayName: content.displayName?.en ?? (content.displayName ? Object.values(content.displayName)[0] : undefined),
      properties: content.properties ?? [],
      target: content.target,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export interface RelationshipChoice {
  forward: RelationshipOption[];
  /** Options from target to source, offered as a swap when the forward direction has none. */
  reverse: RelationshipOption[];
}

export function relationshipChoice(
  interfaces: ReadonlyMap<string, InterfaceInfo>, sourceModel: string, targetModel: string,
): RelationshipChoice {
  return {
    forward: relationshipOptions(interfaces, sourceModel, targetModel),
    reverse: relationshipOptions(interfaces, targetModel, sourceModel),
  };
}
