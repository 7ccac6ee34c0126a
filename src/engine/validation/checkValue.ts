/**
 * Adapter over src/dtdl's validateValue: checks one value against a Property (or relationship property) element of
 * the object model. Kept in one place so the engine depends on the DTDL contract at a single call site.
 */
import { validateValue, type ContentInfo, type ObjectModel } from '../../dtdl/index.ts';

export interface ValueProblem {
  /** JSON pointer below the property ('' = the property itself). */
  path: string;
  reason: string;
}

export function checkValue(model: ObjectModel, content: ContentInfo, value: unknown): ValueProblem | null {
  const id = model.elements.has(content.id) ? content.id : content.schema?.id;
  if (!id) return null;
  const r = validateValue(model, id, value);
  if (r.ok) return null;
  return { path: r.path === '/' ? '' : r.path, reason: r.reason };
}
