/** src/explorer/inspector — the property inspector (typed editors, JSON Patch save with If-Match, history). */
export { Inspector } from './Inspector.tsx';
export { PropertiesForm } from './PropertiesForm.tsx';
export { ValueEditor, FieldRow } from './ValueEditor.tsx';
export { resolveShape } from './resolvedProperties.ts';
export type { ResolvedShape } from './resolvedProperties.ts';
export { buildPatch, inversePatch, deepEqual, twinCreateBody, relationshipCreateBody } from './buildPatch.ts';
