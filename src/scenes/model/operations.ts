/**
 * Builder edits as pure functions: each takes a document and returns a new one (the input is never
 * modified), so the studio's undo/redo is a stack of documents. References are kept consistent:
 * a scene's behaviorIDs follow the behaviors that target its elements (ADT's denormalised index).
 */
import { newId } from './ids.ts';
import { sceneErr, sceneOk, type SceneResult } from './errors.ts';
import type {
  Behavior, CameraView, ElementDataSource, ExpressionRangeVisual, Scene, SceneDocument, TwinToObjectMapping, Widget,
} from './types.ts';

type Edit = SceneResult<SceneDocument>;

const clone = (d: SceneDocument): SceneDocument => structuredClone(d);

function findScene(doc: SceneDocument, sceneId: string): Scene | undefined {
  return doc.configuration.scenes.find((s) => s.id === sceneId);
}

export function addScene(doc: SceneDocument, input: { displayName: string; assetUrl?: string; id?: string }): { doc: SceneDocument; sceneId: string } {
  const d = clone(doc);
  const id = input.id ?? newId();
  d.configuration.scenes.push({
    id, displayName: input.displayName, elements: [], behaviorIDs: [],
    assets: input.assetUrl ? [{ type: '3DAsset', url: input.assetUrl }] : [],
  });
  return { doc: d, sceneId: id };
}

export function updateScene(doc: SceneDocument, sceneId: string, patch: Partial<Pick<Scene, 'displayName' | 'description' | 'assets'>>): Edit {
  const d = clone(doc);
  const s = findScene(d, sceneId);
  if (!s) return sceneErr('SceneNotFound', `No scene ${sceneId}`);
  Object.assign(s, structuredClone(patch));
  return sceneOk(d);
}

/** Copies a scene with new element ids; behaviors are shared (they are global) and now also target the copies. */
export function duplicateScene(doc: SceneDocument, sceneId: string, displayName?: string): SceneResult<{ doc: SceneDocument; sceneId: string }> {
  const d = clone(doc);
  const s = findScene(d, sceneId);
  if (!s) return sceneErr('SceneNotFound', `No scene ${sceneId}`);
  const copy: Scene = structuredClone(s);
  copy.id = newId();
  copy.displayName = displayName ?? `${s.displayName} (copy)`;
  const idMap = new Map<string, string>();
  for (const e of copy.elements) {
    if (e.type !== 'TwinToObjectMapping') continue;
    const nid = newId();
    idMap.set(e.id, nid);
    e.id = nid;
  }
  for (const b of d.configuration.behaviors) {
    for (const ds of b.datasources) {
      if (ds.type !== 'ElementTwinToObjectMappingDataSource') continue;
      const src = ds as ElementDataSource;
      const extra = src.elementIDs.filter((id) => idMap.has(id)).map((id) => idMap.get(id) as string);
      src.elementIDs.push(...extra);
    }
  }
  d.configuration.scenes.push(copy);
  return sceneOk({ doc: d, sceneId: copy.id });
}

/** Deletes a scene and drops its element ids from behaviors (the behaviors themselves stay: they are global). */
export function deleteScene(doc: SceneDocument, sceneId: string): Edit {
  const d = clone(doc);
  const s = findScene(d, sceneId);
  if (!s) return sceneErr('SceneNotFound', `No scene ${sceneId}`);
  const gone = new Set(s.elements.map((e) => (e as TwinToObjectMapping).id));
  d.configuration.scenes = d.configuration.scenes.filter((x) => x.id !== sceneId);
  for (const b of d.configuration.behaviors) for (const ds of b.datasources) {
    if (ds.type === 'ElementTwinToObjectMappingDataSource') (ds as ElementDataSource).elementIDs = (ds as ElementDataSource).elementIDs.filter((id) => !gone.has(id));
  }
  return sceneOk(d);
}

export function newElement(input: { primaryTwinID: string; objectIDs: string[]; displayName?: string; twinAliases?: Record<string, string> }): TwinToObjectMapping {
  return {
    type: 'TwinToObjectMapping', id: newId(), displayName: input.displayName ?? input.primaryTwinID,
    primaryTwinID: input.primaryTwinID, objectIDs: [...new Set(input.objectIDs)],
    ...(input.twinAliases && Object.keys(input.twinAliases).length ? { twinAliases: { ...input.twinAliases } } : {}),
  };
}

export function addElements(doc: SceneDocument, sceneId: string, elements: TwinToObjectMapping[]): Edit {
  const d = clone(doc);
  const s = findScene(d, sceneId);
  if (!s) return sceneErr('SceneNotFound', `No scene ${sceneId}`);
  const ids = new Set(d.configuration.scenes.flatMap((x) => x.elements.map((e) => (e as TwinToObjectMapping).id)));
  for (const e of elements) {
    if (ids.has(e.id)) return sceneErr('InvalidArgument', `Element id ${e.id} already exists`);
    ids.add(e.id);
  }
  s.elements.push(...structuredClone(elements));
  return sceneOk(d);
}

export function updateElement(
  doc: SceneDocument, sceneId: string, elementId: string,
  patch: Partial<Pick<TwinToObjectMapping, 'displayName' | 'primaryTwinID' | 'objectIDs' | 'twinAliases'>>,
): Edit {
  const d = clone(doc);
  const s = findScene(d, sceneId);
  const e = s?.elements.find((x) => x.type === 'TwinToObjectMapping' && x.id === elementId) as TwinToObjectMapping | undefined;
  if (!e) return sceneErr('ElementNotFound', `No element ${elementId} in scene ${sceneId}`);
  const p = structuredClone(patch);
  if (p.objectIDs) p.objectIDs = [...new Set(p.objectIDs)];
  Object.assign(e, p);
  if (e.twinAliases && Object.keys(e.twinAliases).length === 0) delete e.twinAliases;
  return sceneOk(d);
}

export function removeElement(doc: SceneDocument, sceneId: string, elementId: string): Edit {
  const d = clone(doc);
  const s = findScene(d, sceneId);
  if (!s || !s.elements.some((x) => (x as TwinToObjectMapping).id === elementId)) return sceneErr('ElementNotFound', `No element ${elementId}`);
  s.elements = s.elements.filter((x) => (x as TwinToObjectMapping).id !== elementId);
  for (const b of d.configuration.behaviors) for (const ds of b.datasources) {
    if (ds.type === 'ElementTwinToObjectMappingDataSource') (ds as ElementDataSource).elementIDs = (ds as ElementDataSource).elementIDs.filter((id) => id !== elementId);
  }
  syncSceneBehaviorIds(d, s);
  return sceneOk(d);
}

/** A colour-by-range behavior: the quick path of the builder. */
export function newRangeBehavior(input: {
  displayName: string; valueExpression: string; ranges: Array<{ min: number | '-Infinity'; max: number | 'Infinity'; color: string; label?: string }>;
  /** A floating label shown for every value, e.g. "${PrimaryTwin.temperature} °C". */
  floatingLabel?: string;
  /** Adds a "Data history" trend of the value (a property reference) to the element's popover. */
  trend?: boolean;
}): Behavior {
  const rule: ExpressionRangeVisual = {
    type: 'ExpressionRangeVisual', id: newId(), displayName: input.displayName, valueExpression: input.valueExpression,
    expressionType: 'NumericRange', valueRangeType: 'double', objectIDs: { expression: 'objectIDs' },
    valueRanges: input.ranges.map((r) => ({
      id: newId(), values: [r.min, r.max], visual: { color: r.color, ...(r.label ? { labelExpression: r.label } : {}) },
    })),
  };
  const visuals: Behavior['visuals'] = [rule];
  if (input.floatingLabel) visuals.push(newFloatingLabelRule(input.valueExpression, input.floatingLabel));
  const widgets: Widget[] = input.trend ? [{
    type: 'Data history', id: newId(), widgetConfiguration: {
      displayName: `${input.displayName} trend`,
      connection: { adxClusterUrl: 'local', adxDatabaseName: 'twinscape', adxTableName: 'AdtPropertyEvents' },
      timeSeries: [{ id: newId(), expression: input.valueExpression, propertyType: 'double', label: input.displayName }],
      chartOptions: { yAxisType: 'shared', defaultQuickTimeSpanInMillis: 15 * 60 * 1000, aggregationType: 'avg' },
    },
  }] : [];
  visuals.push({ type: 'Popover', title: '', widgets, objectIDs: { expression: 'meshIDs' } });
  return {
    id: newId(), displayName: input.displayName,
    datasources: [{ type: 'ElementTwinToObjectMappingDataSource', elementIDs: [] }],
    visuals,
  };
}

/** A rule whose one condition (any value) shows `labelExpression` as a floating label over the element. */
export function newFloatingLabelRule(valueExpression: string, labelExpression: string): ExpressionRangeVisual {
  return {
    type: 'ExpressionRangeVisual', id: newId(), displayName: 'Label', valueExpression,
    expressionType: 'NumericRange', valueRangeType: 'double', objectIDs: { expression: 'objectIDs' },
    valueRanges: [{
      id: newId(), values: ['-Infinity', 'Infinity'],
      visual: { labelExpression, extensionProperties: { twinscape: { display: 'label' } } },
    }],
  };
}

/** Adds (or replaces, by id) a behavior and makes it target `elementIds` in the scene. */
export function upsertBehavior(doc: SceneDocument, sceneId: string, behavior: Behavior, elementIds?: string[]): Edit {
  const d = clone(doc);
  const s = findScene(d, sceneId);
  if (!s) return sceneErr('SceneNotFound', `No scene ${sceneId}`);
  const b = structuredClone(behavior);
  if (elementIds) {
    let ds = b.datasources.find((x): x is ElementDataSource => x.type === 'ElementTwinToObjectMappingDataSource');
    if (!ds) b.datasources.push((ds = { type: 'ElementTwinToObjectMappingDataSource', elementIDs: [] }));
    const sceneEls = new Set(s.elements.map((e) => (e as TwinToObjectMapping).id));
    // Keep targets in other scenes; replace this scene's targets.
    ds.elementIDs = [...ds.elementIDs.filter((id) => !sceneEls.has(id)), ...elementIds.filter((id) => sceneEls.has(id))];
  }
  const i = d.configuration.behaviors.findIndex((x) => x.id === b.id);
  if (i >= 0) d.configuration.behaviors[i] = b;
  else d.configuration.behaviors.push(b);
  for (const sc of d.configuration.scenes) syncSceneBehaviorIds(d, sc);
  if (!s.behaviorIDs.includes(b.id)) s.behaviorIDs.push(b.id);
  return sceneOk(d);
}

/** Removes a behavior from one scene (its targets there), or from the whole document. */
export function removeBehavior(doc: SceneDocument, behaviorId: string, fromSceneId?: string): Edit {
  const d = clone(doc);
  const b = d.configuration.behaviors.find((x) => x.id === behaviorId);
  if (!b) return sceneErr('BehaviorNotFound', `No behavior ${behaviorId}`);
  if (fromSceneId) {
    const s = findScene(d, fromSceneId);
    if (!s) return sceneErr('SceneNotFound', `No scene ${fromSceneId}`);
    const els = new Set(s.elements.map((e) => (e as TwinToObjectMapping).id));
    for (const ds of b.datasources) if (ds.type === 'ElementTwinToObjectMappingDataSource') {
      (ds as ElementDataSource).elementIDs = (ds as ElementDataSource).elementIDs.filter((id) => !els.has(id));
    }
    s.behaviorIDs = s.behaviorIDs.filter((id) => id !== behaviorId);
  } else {
    d.configuration.behaviors = d.configuration.behaviors.filter((x) => x.id !== behaviorId);
    for (const s of d.configuration.scenes) s.behaviorIDs = s.behaviorIDs.filter((id) => id !== behaviorId);
    for (const l of d.configuration.layers) l.behaviorIDs = l.behaviorIDs.filter((id) => id !== behaviorId);
  }
  return sceneOk(d);
}

export function upsertLayer(doc: SceneDocument, layer: { id?: string; displayName: string; behaviorIDs: string[] }): { doc: SceneDocument; layerId: string } {
  const d = clone(doc);
  const id = layer.id ?? newId();
  const existing = d.configuration.layers.find((l) => l.id === id);
  if (existing) Object.assign(existing, { displayName: layer.displayName, behaviorIDs: [...layer.behaviorIDs] });
  else d.configuration.layers.push({ id, displayName: layer.displayName, behaviorIDs: [...layer.behaviorIDs] });
  return { doc: d, layerId: id };
}

/** Saves a camera view on the scene's first asset (ADT's IScene has no extension bag). */
export function saveCameraView(doc: SceneDocument, sceneId: string, view: Omit<CameraView, 'id'> & { id?: string }): Edit {
  const d = clone(doc);
  const s = findScene(d, sceneId);
  if (!s) return sceneErr('SceneNotFound', `No scene ${sceneId}`);
  if (!s.assets[0]) return sceneErr('InvalidArgument', 'Add a 3D model to the scene before saving views');
  const ext = (s.assets[0].extensionProperties ??= {});
  const ts = (ext.twinscape ??= {});
  const views = (ts.cameraViews ??= []);
  const v: CameraView = { id: view.id ?? newId(), name: view.name, position: [...view.position], target: [...view.target] };
  const i = views.findIndex((x) => x.id === v.id);
  if (i >= 0) views[i] = v;
  else views.push(v);
  return sceneOk(d);
}

/** Adds behaviors that target the scene's elements to its behaviorIDs (never removes: ADT keeps extras). */
function syncSceneBehaviorIds(d: SceneDocument, s: Scene): void {
  const els = new Set(s.elements.map((e) => (e as TwinToObjectMapping).id));
  for (const b of d.configuration.behaviors) {
    const targets = b.datasources.some((ds) => ds.type === 'ElementTwinToObjectMappingDataSource' && (ds as ElementDataSource).elementIDs.some((id) => els.has(id)));
    if (targets && !s.behaviorIDs.includes(b.id)) s.behaviorIDs.push(b.id);
  }
}
