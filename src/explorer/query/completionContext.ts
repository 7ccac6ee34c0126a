/** The completion context (model ids, properties per model with inheritance, relationship names) from the models. */
import { resolveContents, type ModelIndex } from '../models/modelIndex.ts';
import type { CompletionContext } from './completion.ts';

export function completionContext(index: ModelIndex): CompletionContext {
  const propertiesByModel = new Map<string, string[]>();
  const relationshipNames = new Set<string>();
  const relationshipProperties = new Set<string>();
  for (const id of index.byId.keys()) {
    const contents = resolveContents(index, id);
    propertiesByModel.set(id, contents.filter((c) => c.kind === 'Property' || c.kind === 'Component').map((c) => c.name));
    for (const c of contents) {
      if (c.kind !== 'Relationship') continue;
      relationshipNames.add(c.name);
      for (const p of c.properties ?? []) relationshipProperties.add(p);
    }
  }
  return {
    modelIds: [...index.byId.keys()].sort(),
    propertiesByModel,
    relationshipNames: [...relationshipNames].sort(),
    relationshipProperties: [...relationshipProperties].sort(),
  };
}
