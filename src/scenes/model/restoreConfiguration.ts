/**
 * One restore pass for every input (ADT file, stored document, scene package): checks the shape, reports
 * every problem with its JSON pointer, and applies ADT 3D Scenes Studio's own load-time migrations
 * (BlobAdapterUtility.handleMigrations): a rule without `id` gets one; a rule without `valueRangeType` gets
 * `integer` for NumericRange, otherwise the type of its first condition value. Unknown keys are kept.
 */
import type { Problem, SceneResult } from './errors.ts';
import { newId } from './ids.ts';
import type { Behavior, DtdlPropertyType, ExpressionRangeVisual, ScenesConfiguration } from './types.ts';

export interface RestoreReport {
  configuration: ScenesConfiguration;
  /** Changes made while restoring (the ADT migrations). */
  fixes: Problem[];
  /** References that do not resolve (kept as they are, like ADT does). */
  warnings: Problem[];
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);

export function restoreConfiguration(raw: unknown, pointer = '/configuration'): SceneResult<RestoreReport> {
  const problems: Problem[] = [];
  const fixes: Problem[] = [];
  const warnings: Problem[] = [];
  const need = (cond: boolean, at: string, message: string) => { if (!cond) problems.push({ pointer: at, message }); return cond; };

  if (!isObj(raw)) return fail([{ pointer, message: 'configuration must be an object' }]);
  const cfg = structuredClone(raw) as Record<string, unknown>;
  for (const key of ['scenes', 'behaviors', 'layers']) {
    if (!Array.isArray(cfg[key])) problems.push({ pointer: `${pointer}/${key}`, message: `${key} must be an array` });
  }
  if (problems.length) return fail(problems);
  const scenes = cfg.scenes as unknown[];
  const behaviors = cfg.behaviors as unknown[];
  const layers = cfg.layers as unknown[];

  const elementIds = new Set<string>();
  scenes.forEach((s, i) => {
    const at = `${pointer}/scenes/${i}`;
    if (!need(isObj(s), at, 'scene must be an object')) return;
    const sc = s as Record<string, unknown>;
    need(isStr(sc.id), `${at}/id`, 'id must be a string');
    need(isStr(sc.displayName), `${at}/displayName`, 'displayName must be a string');
    need(isStrArray(sc.behaviorIDs), `${at}/behaviorIDs`, 'behaviorIDs must be an array of strings');
    if (need(Array.isArray(sc.assets), `${at}/assets`, 'assets must be an array')) {
      (sc.assets as unknown[]).forEach((a, j) => {
        if (!need(isObj(a), `${at}/assets/${j}`, 'asset must be an object')) return;
        const as = a as Record<string, unknown>;
        need(isStr(as.type), `${at}/assets/${j}/type`, 'type must be a string');
        need(isStr(as.url), `${at}/assets/${j}/url`, 'url must be a string');
      });
    }
    if (need(Array.isArray(sc.elements), `${at}/elements`, 'elements must be an array')) {
      (sc.elements as unknown[]).forEach((e, j) => {
        const ep = `${at}/elements/${j}`;
        if (!need(isObj(e), ep, 'element must be an object')) return;
        const el = e as Record<string, unknown>;
        if (el.type !== 'TwinToObjectMapping') {
          need(el.type === 'CustomProperty', `${ep}/type`, `unknown element type ${JSON.stringify(el.type)}`);
          return;
        }
        if (need(isStr(el.id), `${ep}/id`, 'id must be a string')) {
          if (elementIds.has(el.id as string)) problems.push({ pointer: `${ep}/id`, message: `duplicate element id ${el.id as string} (element ids are unique across the file)` });
          elementIds.add(el.id as string);
        }
        need(isStr(el.displayName), `${ep}/displayName`, 'displayName must be a string');
        need(isStr(el.primaryTwinID), `${ep}/primaryTwinID`, 'primaryTwinID must be a string');
        need(isStrArray(el.objectIDs), `${ep}/objectIDs`, 'objectIDs must be an array of strings');
        if (el.twinAliases !== undefined) {
          need(isObj(el.twinAliases) && Object.values(el.twinAliases).every(isStr), `${ep}/twinAliases`, 'twinAliases must map alias names to twin ids');
        }
      });
    }
  });

  const behaviorIds = new Set<string>();
  behaviors.forEach((b, i) => {
    const at = `${pointer}/behaviors/${i}`;
    if (!need(isObj(b), at, 'behavior must be an object')) return;
    const bh = b as Record<string, unknown>;
    if (need(isStr(bh.id), `${at}/id`, 'id must be a string')) behaviorIds.add(bh.id as string);
    need(isStr(bh.displayName), `${at}/displayName`, 'displayName must be a string');
    if (bh.twinAliases !== undefined) need(isStrArray(bh.twinAliases), `${at}/twinAliases`, 'twinAliases must be an array of strings');
    if (need(Array.isArray(bh.datasources), `${at}/datasources`, 'datasources must be an array')) {
      (bh.datasources as unknown[]).forEach((d, j) => {
        if (!need(isObj(d), `${at}/datasources/${j}`, 'data source must be an object')) return;
        const ds = d as Record<string, unknown>;
        if (ds.type === 'ElementTwinToObjectMappingDataSource') {
          need(isStrArray(ds.elementIDs), `${at}/datasources/${j}/elementIDs`, 'elementIDs must be an array of strings');
        }
      });
    }
    if (!need(Array.isArray(bh.visuals), `${at}/visuals`, 'visuals must be an array')) return;
    (bh.visuals as unknown[]).forEach((v, j) => {
      const vp = `${at}/visuals/${j}`;
      if (!need(isObj(v), vp, 'visual must be an object')) return;
      const vis = v as Record<string, unknown>;
      if (vis.type === 'Popover') {
        need(Array.isArray(vis.widgets), `${vp}/widgets`, 'widgets must be an array');
        return;
      }
      if (!need(vis.type === 'ExpressionRangeVisual', `${vp}/type`, `unknown visual type ${JSON.stringify(vis.type)}`)) return;
      need(isStr(vis.valueExpression), `${vp}/valueExpression`, 'valueExpression must be a string');
      need(vis.expressionType === 'NumericRange' || vis.expressionType === 'CategoricalValues', `${vp}/expressionType`, 'expressionType must be NumericRange or CategoricalValues');
      if (!need(Array.isArray(vis.valueRanges), `${vp}/valueRanges`, 'valueRanges must be an array')) return;
      (vis.valueRanges as unknown[]).forEach((r, k) => {
        const rp = `${vp}/valueRanges/${k}`;
        if (!need(isObj(r), rp, 'condition must be an object')) return;
        const vr = r as Record<string, unknown>;
        need(Array.isArray(vr.values), `${rp}/values`, 'values must be an array');
        need(isObj(vr.visual), `${rp}/visual`, 'visual must be an object');
        if (!isStr(vr.id)) { vr.id = newId(); fixes.push({ pointer: `${rp}/id`, message: 'condition had no id; one was generated' }); }
      });
      if (!isObj(vis.objectIDs)) vis.objectIDs = { expression: 'objectIDs' };
      // ADT handleMigrations
      if (!isStr(vis.id)) { vis.id = newId(); fixes.push({ pointer: `${vp}/id`, message: 'rule had no id; one was generated (as ADT 3D Scenes Studio does)' }); }
      if (!isStr(vis.valueRangeType)) {
        vis.valueRangeType = inferValueRangeType(vis as unknown as ExpressionRangeVisual);
        fixes.push({ pointer: `${vp}/valueRangeType`, message: `rule had no valueRangeType; set to ${vis.valueRangeType as string} (as ADT 3D Scenes Studio does)` });
      }
    });
  });

  layers.forEach((l, i) => {
    const at = `${pointer}/layers/${i}`;
    if (!need(isObj(l), at, 'layer must be an object')) return;
    const ly = l as Record<string, unknown>;
    need(isStr(ly.id), `${at}/id`, 'id must be a string');
    need(isStr(ly.displayName), `${at}/displayName`, 'displayName must be a string');
    need(isStrArray(ly.behaviorIDs), `${at}/behaviorIDs`, 'behaviorIDs must be an array of strings');
  });

  if (problems.length) return fail(problems);

  // Dangling references: reported, kept (ADT does not check them either).
  const c = cfg as unknown as ScenesConfiguration;
  c.scenes.forEach((s, i) => s.behaviorIDs.forEach((id, j) => {
    if (!behaviorIds.has(id)) warnings.push({ pointer: `${pointer}/scenes/${i}/behaviorIDs/${j}`, message: `behavior ${id} does not exist` });
  }));
  c.layers.forEach((l, i) => l.behaviorIDs.forEach((id, j) => {
    if (!behaviorIds.has(id)) warnings.push({ pointer: `${pointer}/layers/${i}/behaviorIDs/${j}`, message: `behavior ${id} does not exist` });
  }));
  return { ok: true, value: { configuration: c, fixes, warnings } };
}

function inferValueRangeType(v: ExpressionRangeVisual): DtdlPropertyType {
  if (v.expressionType === 'NumericRange') return 'integer';
  const first = v.valueRanges[0]?.values?.[0];
  if (typeof first === 'boolean') return 'boolean';
  if (typeof first === 'number') return 'double';
  return 'string';
}

function fail(problems: Problem[]): SceneResult<never> {
  const head = problems.slice(0, 3).map((p) => `${p.pointer}: ${p.message}`).join('; ');
  return {
    ok: false,
    error: { code: 'ValidationFailed', message: `${problems.length} problem(s): ${head}${problems.length > 3 ? '; …' : ''}`, pointer: problems[0].pointer, problems },
  };
}

/** Behaviors used by a scene: listed in its behaviorIDs (the denormalised index ADT keeps). */
export function behaviorsOfScene(cfg: ScenesConfiguration, sceneId: string): Behavior[] {
  const scene = cfg.scenes.find((s) => s.id === sceneId);
  if (!scene) return [];
  const ids = new Set(scene.behaviorIDs);
  return cfg.behaviors.filter((b) => ids.has(b.id));
}
