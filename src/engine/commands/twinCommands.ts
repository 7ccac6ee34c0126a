/**
 * Twin commands: create-or-replace, JSON Patch (twin and component), delete. ADT semantics and error codes.
 * @see ../shared/reference/adt-api.md §2.1-2.6
 */
import { err, ok, type Etag, type JsonPatchOp, type Result, type Twin, type TwinId } from '../types.ts';
import type { HistoryRow } from '../storage/Store.ts';
import { cloudEvent } from '../events/cloudEvent.ts';
import { applyPatch, checkPatchShape, parsePointer, toPointer } from '../patch/jsonPatch.ts';
import { checkIfMatch, newEtag } from '../util/etag.ts';
import { cloneJson, isPlainObject, jsonEqual } from '../util/clone.ts';
import { utf8Length, validateContent } from '../validation/validateTwin.ts';
import type { CommandTx } from './CommandTx.ts';
import type { EngineContext } from './EngineContext.ts';
import { ifNoneMatchInvalid, componentNotFound, twinNotFound, validationFailed } from './errors.ts';
import { buildComponent, buildTwin, componentNames, historyEntries, twinContent } from './twinDocument.ts';

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function checkSize(ctx: EngineContext, twin: Twin): Result<void> {
  const json = JSON.stringify(twin);
  // UTF-8 takes at most 3 bytes per UTF-16 unit: skip the encoding when that bound is within the limit.
  if (json.length * 3 <= ctx.limits.maxTwinBytes) return ok(undefined);
  const bytes = json.length > ctx.limits.maxTwinBytes ? json.length : utf8Length(json);
  if (bytes > ctx.limits.maxTwinBytes) {
    return validationFailed('twin', [{ pointer: '', message: `Twin ${twin.$dtId} is ${bytes} bytes of JSON; the limit is ${ctx.limits.maxTwinBytes} bytes.` }]);
  }
  return ok(undefined);
}

/** Checks a model may be used for a (new or migrated) twin. */
function checkModelUsable(ctx: EngineContext, id: TwinId, model: unknown): Result<string> {
  if (typeof model !== 'string' || !model) {
    return validationFailed('twin', [{ pointer: '/$metadata/$model', message: `Twin ${id} has no $metadata.$model; a twin needs the id of its model.` }]);
  }
  const stored = ctx.graph.models.get(model);
  if (!stored || !ctx.graph.models.interface(model)) {
    return validationFailed('twin', [{ pointer: '/$metadata/$model', message: `${model} or one of its dependencies does not exist.` }]);
  }
  if (stored.decommissioned) return err('ModelDecommissioned', `Model ${model} is decommissioned; new twins cannot use it (twin ${id}).`);
  return ok(model);
}

export function propertyRows(ctx: EngineContext, id: string, model: string, entries: Array<[string, unknown, string | undefined]>, now: string, action: 'Update' | 'Delete' = 'Update', rel?: { id: string; target: string }): HistoryRow[] {
  return entries.map(([Key, Value, SourceTimeStamp]) => ({
    table: 'AdtPropertyEvents' as const,
    TimeStamp: now,
    ...(SourceTimeStamp ? { SourceTimeStamp } : {}),
    ServiceId: ctx.serviceId,
    Id: id,
    ModelId: model,
    Key,
    Value: action === 'Delete' ? null : Value,
    RelationshipId: rel?.id ?? '',
    RelationshipTarget: rel?.target ?? '',
    Action: action,
  }));
}

export function upsertTwin(ctx: EngineContext, tx: CommandTx, id: TwinId, body: unknown, opts: { ifNoneMatch?: string } = {}): Result<Twin> {
  if (typeof id !== 'string' || !id) return err('InvalidArgument', 'A twin id must be a non-empty string.');
  if (!isPlainObject(body)) return err('InvalidArgument', `The body for twin ${id} must be a JSON object.`);
  if (opts.ifNoneMatch !== undefined && opts.ifNoneMatch !== '*') return ifNoneMatchInvalid();
  const prev = ctx.graph.twin(id);
  if (prev && opts.ifNoneMatch === '*') {
    return err('PreconditionFailed', `If-None-Match: * header was specified but a twin with the id ${id} was found. Please specify a different twin id.`);
  }
  const meta = body.$metadata;
  const model = isPlainObject(meta) ? meta.$model : undefined;
  const m = checkModelUsable(ctx, id, model);
  if (!m.ok) {
    // ADT lets an existing twin be replaced with its (since decommissioned) model.
    if (!(m.error.code === 'ModelDecommissioned' && prev?.$metadata.$model === model)) return m;
  }
  if (!prev && ctx.graph.twinCount() >= ctx.limits.maxTwins) {
    return err('TwinLimitReached', `The instance has ${ctx.limits.maxTwins} twins, its limit; twin ${id} was not created.`);
  }
  const modelId = model as string;
  const content = twinContent(body);
  const problems = validateContent(ctx.graph.models, id, modelId, content, { requireComponents: true, limits: ctx.limits });
  if (problems.length) return validationFailed('twin', problems);
  const iface = ctx.graph.models.interface(modelId);
  const comps = componentNames(iface);
  const now = ctx.now();
  const twin = buildTwin(id, modelId, body, comps, now);
  const size = checkSize(ctx, twin);
  if (!size.ok) return size;
  tx.putTwin(twin);
  if (tx.silent) return ok(twin);
  if (!prev) {
    tx.emit(cloudEvent('Microsoft.DigitalTwins.Twin.Create', ctx.serviceId, id, now, cloneJson(twin)));
    if (ctx.historyEnabled) {
      tx.record({ table: 'AdtTwinLifeCycleEvents', TwinId: id, Action: 'Create', TimeStamp: now, ServiceId: ctx.serviceId, ModelId: modelId });
      for (const r of propertyRows(ctx, id, modelId, historyEntries(twin, comps), now)) tx.record(r);
    }
  } else {
    const patch = diffTwin(prev, twin);
    tx.emit(cloudEvent('Microsoft.DigitalTwins.Twin.Update', ctx.serviceId, id, now, { modelId, patch }));
    if (ctx.historyEnabled) {
      const before = new Map(historyEntries(prev, comps).map((e) => [e[0], e[1]] as const));
      const after = historyEntries(twin, comps);
      const changed = after.filter(([k, v]) => !before.has(k) || !jsonEqual(before.get(k), v));
      const afterKeys = new Set(after.map((e) => e[0]));
      const removed = [...before].filter(([k]) => !afterKeys.has(k)).map(([k, v]) => [k, v, undefined] as [string, unknown, undefined]);
      for (const r of propertyRows(ctx, id, modelId, changed, now)) tx.record(r);
      for (const r of propertyRows(ctx, id, modelId, removed, now, 'Delete')) tx.record(r);
    }
  }
  return ok(twin);
}

/** The patch that turns `a` into `b` at the top level (used for Update events of replaced documents). */
export function diffTwin(a: Record<string, unknown>, b: Record<string, unknown>): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  if (isPlainObject(a.$metadata) && isPlainObject(b.$metadata) && a.$metadata.$model !== b.$metadata.$model) {
    ops.push({ op: 'replace', path: '/$metadata/$model', value: b.$metadata.$model });
  }
  for (const [k, v] of Object.entries(b)) {
    if (k.startsWith('$')) continue;
    if (!(k in a)) ops.push({ op: 'add', path: toPointer([k]), value: stripMeta(v) });
    else if (!jsonEqual(stripMeta(a[k]), stripMeta(v))) ops.push({ op: 'replace', path: toPointer([k]), value: stripMeta(v) });
  }
  for (const k of Object.keys(a)) if (!k.startsWith('$') && !(k in b)) ops.push({ op: 'remove', path: toPointer([k]) });
  return ops;
}

function stripMeta(v: unknown): unknown {
  if (!isPlainObject(v) || !('$metadata' in v)) return v;
  const { $metadata: _m, ...rest } = v;
  return rest;
}

export function patchTwin(
  ctx: EngineContext,
  tx: CommandTx,
  id: TwinId,
  patchIn: unknown,
  opts: { ifMatch?: Etag | '*' } = {},
  component?: string,
): Result<Twin> {
  const prev = ctx.graph.twin(id);
  if (!prev) return twinNotFound(id);
  const shape = checkPatchShape(patchIn);
  if (!shape.ok) return shape;
  const im = checkIfMatch(opts.ifMatch, prev.$etag, `twin ${id}`);
  if (!im.ok) return im;
  const oldModel = prev.$metadata.$model;
  if (component !== undefined) {
    const comps = componentNames(ctx.graph.models.interface(oldModel));
    if (!comps.has(component) || !isPlainObject(prev[component])) return componentNotFound(id, component);
  }
  // Paths as seen from the twin (component endpoint paths are relative to the component).
  const ops: JsonPatchOp[] = shape.value.map((o) => (component === undefined ? o : { ...o, path: toPointer([component]) + o.path }));
  const valueOps: JsonPatchOp[] = [];
  const sourceTimeOps: Array<{ comp?: string; prop: string; op: JsonPatchOp }> = [];
  let newModel = oldModel;
  for (const o of ops) {
    const segs = parsePointer(o.path)!;
    const metaAt = segs.indexOf('$metadata');
    if (segs[0] === '$dtId' || segs[0] === '$etag') return err('JsonPatchInvalid', `${o.path} cannot be patched on twin ${id}: ${segs[0]} is set by the service.`);
    if (metaAt >= 0) {
      if (segs[0] === '$metadata' && segs.length === 2 && segs[1] === '$model' && o.op !== 'remove') {
        newModel = o.value as string;
        continue;
      }
      const isTwinSt = metaAt === 0 && segs.length === 3 && segs[2] === 'sourceTime';
      const isCompSt = metaAt === 1 && segs.length === 4 && segs[3] === 'sourceTime';
      if (!isTwinSt && !isCompSt) {
        return err('JsonPatchInvalid', `${o.path} cannot be patched on twin ${id}: only /$metadata/$model and sourceTime entries (/$metadata/<property>/sourceTime) are writable.`);
      }
      if (o.op !== 'remove' && (typeof o.value !== 'string' || !ISO_RE.test(o.value))) {
        return validationFailed('twin', [{ pointer: o.path, message: `sourceTime ${JSON.stringify(o.value)} for twin ${id} is not an ISO 8601 date-time.` }]);
      }
      sourceTimeOps.push(isTwinSt ? { prop: segs[1], op: o } : { comp: segs[0], prop: segs[2], op: o });
      continue;
    }
    valueOps.push(o);
  }
  if (newModel !== oldModel) {
    const m = checkModelUsable(ctx, id, newModel);
    if (!m.ok) return m;
  } else if (!ctx.graph.models.interface(oldModel)) {
    return validationFailed('twin', [{ pointer: '/$metadata/$model', message: `The model ${oldModel} of twin ${id} was deleted; its properties cannot be edited (it can still be read, queried and deleted).` }]);
  }
  const applied = applyPatch(prev, valueOps);
  if (!applied.ok) return applied;
  const next = applied.value;
  const comps = componentNames(ctx.graph.models.interface(newModel));
  const now = ctx.now();
  // Metadata: every touched property gets a new lastUpdateTime (keeping its sourceTime); removed ones lose theirs.
  const meta = next.$metadata as Record<string, unknown>;
  meta.$model = newModel;
  meta.$lastUpdateTime = now;
  const touched: Array<[string, string | undefined]> = [];
  for (const o of valueOps) {
    const segs = parsePointer(o.path)!;
    const top = segs[0];
    if (comps.has(top)) {
      const compVal = next[top];
      if (!isPlainObject(compVal)) continue;
      if (segs.length === 1) {
        next[top] = buildComponent(keepSourceTimes(compVal, prev[top]), now);
        for (const k of Object.keys(compVal)) if (!k.startsWith('$')) touched.push([top, k]);
      } else {
        const cm = isPlainObject(compVal.$metadata) ? (compVal.$metadata as Record<string, unknown>) : (compVal.$metadata = {});
        cm.$lastUpdateTime = now;
        const p = segs[1];
        if (p in compVal) cm[p] = { ...(isPlainObject(cm[p]) ? cm[p] : {}), lastUpdateTime: now };
        else delete cm[p];
        touched.push([top, p]);
      }
    } else {
      if (top in next) meta[top] = { ...(isPlainObject(meta[top]) ? meta[top] : {}), lastUpdateTime: now };
      else delete meta[top];
      touched.push([top, undefined]);
    }
  }
  for (const { comp, prop, op } of sourceTimeOps) {
    const owner = comp === undefined ? next : next[comp];
    const exists = isPlainObject(owner) && prop in owner;
    if (!exists) return err('JsonPatchInvalid', `The target location specified by path segment '${prop}' was not found: set a value for ${comp ? comp + '/' : ''}${prop} of twin ${id} before its sourceTime.`);
    const m = comp === undefined ? meta : ((owner as Record<string, unknown>).$metadata as Record<string, unknown>);
    const entry = { ...(isPlainObject(m[prop]) ? m[prop] : { lastUpdateTime: now }) } as Record<string, unknown>;
    if (op.op === 'remove') delete entry.sourceTime;
    else entry.sourceTime = op.value;
    m[prop] = entry;
    if (!touched.some((t) => (comp === undefined ? t[0] === prop && t[1] === undefined : t[0] === comp && t[1] === prop))) touched.push(comp === undefined ? [prop, undefined] : [comp, prop]);
  }
  const problems = validateContent(ctx.graph.models, id, newModel, twinContent(next), { requireComponents: true, limits: ctx.limits });
  if (problems.length) return validationFailed('twin', problems);
  next.$etag = newEtag();
  const size = checkSize(ctx, next);
  if (!size.ok) return size;
  tx.putTwin(next);
  tx.emit(cloudEvent('Microsoft.DigitalTwins.Twin.Update', ctx.serviceId, id, now, { modelId: newModel, patch: cloneJson(ops) }));
  if (ctx.historyEnabled) {
    const seen = new Set<string>();
    for (const [top, sub] of touched) {
      const key = sub === undefined ? top : `${top}.${sub}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const owner = sub === undefined ? next : (next[top] as Record<string, unknown> | undefined);
      const prop = sub ?? top;
      const present = !!owner && prop in owner;
      const metaOwner = sub === undefined ? meta : ((owner?.$metadata as Record<string, unknown>) ?? {});
      const st = isPlainObject(metaOwner[prop]) ? ((metaOwner[prop] as Record<string, unknown>).sourceTime as string | undefined) : undefined;
      for (const r of propertyRows(ctx, id, newModel, [[key, present ? owner![prop] : null, st]], now, present ? 'Update' : 'Delete')) tx.record(r);
    }
  }
  return ok(next);
}

function keepSourceTimes(next: Record<string, unknown>, prev: unknown): Record<string, unknown> {
  if (!isPlainObject(prev) || !isPlainObject(prev.$metadata) || isPlainObject(next.$metadata)) return next;
  return { ...next, $metadata: prev.$metadata };
}

export function deleteTwin(ctx: EngineContext, tx: CommandTx, id: TwinId, opts: { ifMatch?: Etag | '*' } = {}): Result<void> {
  const prev = ctx.graph.twin(id);
  if (!prev) return twinNotFound(id);
  const im = checkIfMatch(opts.ifMatch, prev.$etag, `twin ${id}`);
  if (!im.ok) return im;
  const n = ctx.graph.outgoingCount(id) + ctx.graph.incomingCount(id);
  if (n > 0) {
    return err(
      'RelationshipsNotDeleted',
      `Twin ${id} has active relationships. Cannot delete a twin unless all the relationships are deleted. Please ensure that the active relationships on the twin are deleted. See section on retrieving relationships https://aka.ms/adtv2twins.`,
      { outgoing: ctx.graph.outgoingCount(id), incoming: ctx.graph.incomingCount(id) },
    );
  }
  const now = ctx.now();
  tx.deleteTwin(id);
  tx.emit(cloudEvent('Microsoft.DigitalTwins.Twin.Delete', ctx.serviceId, id, now, cloneJson(prev)));
  if (ctx.historyEnabled) tx.record({ table: 'AdtTwinLifeCycleEvents', TwinId: id, Action: 'Delete', TimeStamp: now, ServiceId: ctx.serviceId, ModelId: prev.$metadata.$model });
  return ok(undefined);
}

export function getComponent(ctx: EngineContext, id: TwinId, component: string): Result<Record<string, unknown>> {
  const t = ctx.graph.twin(id);
  if (!t) return twinNotFound(id);
  const v = t[component];
  const comps = componentNames(ctx.graph.models.interface(t.$metadata.$model));
  if (!isPlainObject(v) || (!comps.has(component) && !isPlainObject(v.$metadata))) return componentNotFound(id, component);
  return ok(cloneJson(v));
}
