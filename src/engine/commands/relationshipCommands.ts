/**
 * Relationship commands: create-or-replace, patch, delete; lists. ADT rules: the name must be declared on the source
 * twin's model (inherited included), a declared `target` is enforced (subtypes allowed), properties validated,
 * self-relationships refused, ids unique per source. @see ../shared/reference/adt-api.md §2.2
 */
import type { ContentInfo } from '../../dtdl/index.ts';
import { err, ok, type Etag, type IncomingRelationship, type Relationship, type RelationshipId, type Result, type TwinId } from '../types.ts';
import { cloudEvent } from '../events/cloudEvent.ts';
import { applyPatch, checkPatchShape, parsePointer } from '../patch/jsonPatch.ts';
import { checkIfMatch, newEtag } from '../util/etag.ts';
import { cloneJson, isPlainObject, jsonEqual } from '../util/clone.ts';
import { validateRelationshipProperties } from '../validation/validateTwin.ts';
import type { CommandTx } from './CommandTx.ts';
import type { EngineContext } from './EngineContext.ts';
import { ifNoneMatchInvalid, relationshipNotFound, twinNotFound, validationFailed } from './errors.ts';
import { diffTwin, propertyRows } from './twinCommands.ts';

const SYSTEM = new Set(['$relationshipId', '$etag', '$sourceId', '$targetId', '$relationshipName']);

function relProps(r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (!k.startsWith('$')) out[k] = v;
  return out;
}

/** Finds the DTDL Relationship `name` on the source twin's model. */
function declaredRelationship(ctx: EngineContext, sourceId: TwinId, name: string): Result<ContentInfo> {
  const src = ctx.graph.twin(sourceId)!;
  const model = src.$metadata.$model;
  const iface = ctx.graph.models.interface(model);
  if (!iface) {
    return err('ValidationFailed', `The model ${model} of twin ${sourceId} was deleted; its outgoing relationships cannot be created or edited.`);
  }
  const c = iface.contents.get(name);
  if (!c || c.kind !== 'Relationship') {
    return err('InvalidRelationship', `Twin relationship does not align with the model: relationship '${name}' is not defined on model ${model} of source twin ${sourceId} (nor on the models it extends).`);
  }
  return ok(c);
}

export function upsertRelationship(
  ctx: EngineContext,
  tx: CommandTx,
  sourceId: TwinId,
  relId: RelationshipId,
  body: unknown,
  opts: { ifNoneMatch?: string } = {},
): Result<Relationship> {
  if (typeof relId !== 'string' || !relId) return err('InvalidArgument', 'A relationship id must be a non-empty string.');
  if (!isPlainObject(body)) return err('InvalidArgument', `The body of relationship ${relId} must be a JSON object.`);
  if (opts.ifNoneMatch !== undefined && opts.ifNoneMatch !== '*') return ifNoneMatchInvalid();
  const src = ctx.graph.twin(sourceId);
  if (!src) return twinNotFound(sourceId);
  const targetId = body.$targetId;
  const name = body.$relationshipName;
  if (typeof targetId !== 'string' || !targetId) return err('InvalidArgument', `Relationship ${relId} of twin ${sourceId} needs a $targetId.`);
  if (typeof name !== 'string' || !name) return err('InvalidArgument', `Relationship ${relId} of twin ${sourceId} needs a $relationshipName.`);
  const prev = ctx.graph.relationship(sourceId, relId);
  if (prev && opts.ifNoneMatch === '*') {
    return err('PreconditionFailed', `If-None-Match: * header was specified but a relationship with the id ${relId} was found. Please specify a different relationship id.`);
  }
  if (targetId === sourceId) return err('OperationNotAllowed', `Relationship ${relId} of twin ${sourceId} targets its own source; self-relationships are not allowed.`);
  const target = ctx.graph.twin(targetId);
  if (!target) {
    return err('TargetDigitalTwinNotFound', `The target digital twin ${targetId} is invalid or does not exist. Please validate that the target twin is valid and ensure that the target twin is not deleted. See section on querying the twins https://aka.ms/adtv2query .`);
  }
  const decl = declaredRelationship(ctx, sourceId, name);
  if (!decl.ok) return decl;
  // A target whose model was deleted can still receive relationships (ADT), so its type is not checked then.
  const targetModelKnown = !!ctx.graph.models.interface(target.$metadata.$model);
  if (decl.value.target && targetModelKnown && !ctx.graph.models.isOfModel(target.$metadata.$model, decl.value.target)) {
    return err('InvalidRelationship', `Twin relationship does not align with the model: relationship '${name}' of model ${src.$metadata.$model} targets ${decl.value.target}, but target twin ${targetId} is a ${target.$metadata.$model}.`);
  }
  const props = relProps(body);
  const problems = validateRelationshipProperties(ctx.graph.models, decl.value, `${sourceId}/${relId}`, props, ctx.limits);
  if (problems.length) return validationFailed('relationship', problems);
  if (!prev || prev.$targetId !== targetId) {
    if (ctx.graph.outgoingCount(sourceId) >= ctx.limits.maxOutgoingPerTwin) return err('OperationNotAllowed', `Twin ${sourceId} already has ${ctx.limits.maxOutgoingPerTwin} outgoing relationships, the limit.`);
    if (ctx.graph.incomingCount(targetId) >= ctx.limits.maxIncomingPerTwin) return err('OperationNotAllowed', `Twin ${targetId} already has ${ctx.limits.maxIncomingPerTwin} incoming relationships, the limit.`);
  }
  if (!prev && ctx.graph.relationshipCount() >= ctx.limits.maxRelationships) return err('OperationNotAllowed', `The instance has ${ctx.limits.maxRelationships} relationships, its limit.`);
  const rel: Relationship = { $relationshipId: relId, $etag: newEtag(), $sourceId: sourceId, $targetId: targetId, $relationshipName: name, ...props };
  if (tx.silent) {
    tx.putRelationship(rel);
    return ok(rel);
  }
  const now = ctx.now();
  const subject = `${sourceId}/relationships/${relId}`;
  const link = { id: relId, target: targetId };
  const model = src.$metadata.$model;
  if (prev && (prev.$targetId !== targetId || prev.$relationshipName !== name)) {
    // Same id, different edge: ADT treats it as a replacement; historise as delete + create.
    tx.deleteRelationship(sourceId, relId);
    tx.emit(cloudEvent('Microsoft.DigitalTwins.Relationship.Delete', ctx.serviceId, subject, now, cloneJson(prev)));
    if (ctx.historyEnabled) tx.record(relLifecycle(ctx, prev, 'Delete', now));
  }
  tx.putRelationship(rel);
  if (!prev || prev.$targetId !== targetId || prev.$relationshipName !== name) {
    tx.emit(cloudEvent('Microsoft.DigitalTwins.Relationship.Create', ctx.serviceId, subject, now, cloneJson(rel)));
    if (ctx.historyEnabled) {
      tx.record(relLifecycle(ctx, rel, 'Create', now));
      for (const r of propertyRows(ctx, sourceId, model, Object.entries(props).map(([k, v]) => [k, v, undefined]), now, 'Update', link)) tx.record(r);
    }
  } else {
    tx.emit(cloudEvent('Microsoft.DigitalTwins.Relationship.Update', ctx.serviceId, subject, now, { modelId: model, patch: diffTwin(prev, rel) }));
    if (ctx.historyEnabled) {
      const before = relProps(prev);
      const changed = Object.entries(props).filter(([k, v]) => !(k in before) || !jsonEqual(before[k], v)).map(([k, v]) => [k, v, undefined] as [string, unknown, undefined]);
      const removed = Object.keys(before).filter((k) => !(k in props)).map((k) => [k, null, undefined] as [string, unknown, undefined]);
      for (const r of propertyRows(ctx, sourceId, model, changed, now, 'Update', link)) tx.record(r);
      for (const r of propertyRows(ctx, sourceId, model, removed, now, 'Delete', link)) tx.record(r);
    }
  }
  return ok(rel);
}

function relLifecycle(ctx: EngineContext, r: Relationship, Action: 'Create' | 'Delete', now: string) {
  return {
    table: 'AdtRelationshipLifeCycleEvents' as const,
    RelationshipId: r.$relationshipId,
    Name: r.$relationshipName,
    Action,
    TimeStamp: now,
    ServiceId: ctx.serviceId,
    Source: r.$sourceId,
    Target: r.$targetId,
  };
}

export function patchRelationship(
  ctx: EngineContext,
  tx: CommandTx,
  sourceId: TwinId,
  relId: RelationshipId,
  patchIn: unknown,
  opts: { ifMatch?: Etag | '*' } = {},
): Result<Relationship> {
  if (!ctx.graph.twin(sourceId)) return twinNotFound(sourceId);
  const prev = ctx.graph.relationship(sourceId, relId);
  if (!prev) return relationshipNotFound(sourceId, relId);
  const shape = checkPatchShape(patchIn);
  if (!shape.ok) return shape;
  const im = checkIfMatch(opts.ifMatch, prev.$etag, `relationship ${relId} of twin ${sourceId}`);
  if (!im.ok) return im;
  for (const o of shape.value) {
    const top = parsePointer(o.path)![0];
    if (top.startsWith('$')) {
      return err('JsonPatchInvalid', `${o.path} cannot be patched on relationship ${relId} of twin ${sourceId}: ${SYSTEM.has(top) ? 'system properties are read-only; delete and recreate the relationship to change its target or name' : 'unknown system property'}.`);
    }
  }
  const decl = declaredRelationship(ctx, sourceId, prev.$relationshipName);
  if (!decl.ok) return decl;
  const applied = applyPatch(prev, shape.value);
  if (!applied.ok) return applied;
  const next = applied.value;
  const problems = validateRelationshipProperties(ctx.graph.models, decl.value, `${sourceId}/${relId}`, relProps(next), ctx.limits);
  if (problems.length) return validationFailed('relationship', problems);
  next.$etag = newEtag();
  const now = ctx.now();
  const model = ctx.graph.twin(sourceId)!.$metadata.$model;
  tx.putRelationship(next);
  tx.emit(cloudEvent('Microsoft.DigitalTwins.Relationship.Update', ctx.serviceId, `${sourceId}/relationships/${relId}`, now, { modelId: model, patch: cloneJson(shape.value) }));
  if (ctx.historyEnabled) {
    const keys = new Set(shape.value.map((o) => parsePointer(o.path)![0]));
    for (const k of keys) {
      const present = k in next;
      for (const r of propertyRows(ctx, sourceId, model, [[k, present ? next[k] : null, undefined]], now, present ? 'Update' : 'Delete', { id: relId, target: next.$targetId })) tx.record(r);
    }
  }
  return ok(next);
}

export function deleteRelationship(ctx: EngineContext, tx: CommandTx, sourceId: TwinId, relId: RelationshipId, opts: { ifMatch?: Etag | '*' } = {}): Result<void> {
  if (!ctx.graph.twin(sourceId)) return twinNotFound(sourceId);
  const prev = ctx.graph.relationship(sourceId, relId);
  if (!prev) return relationshipNotFound(sourceId, relId);
  const im = checkIfMatch(opts.ifMatch, prev.$etag, `relationship ${relId} of twin ${sourceId}`);
  if (!im.ok) return im;
  const now = ctx.now();
  tx.deleteRelationship(sourceId, relId);
  tx.emit(cloudEvent('Microsoft.DigitalTwins.Relationship.Delete', ctx.serviceId, `${sourceId}/relationships/${relId}`, now, cloneJson(prev)));
  if (ctx.historyEnabled) tx.record(relLifecycle(ctx, prev, 'Delete', now));
  return ok(undefined);
}

export function listRelationships(ctx: EngineContext, sourceId: TwinId, name?: string): Result<Relationship[]> {
  if (!ctx.graph.twin(sourceId)) return twinNotFound(sourceId);
  return ok([...ctx.graph.outgoing(sourceId, name)].map(cloneJson));
}

export function listIncomingRelationships(ctx: EngineContext, targetId: TwinId): Result<IncomingRelationship[]> {
  if (!ctx.graph.twin(targetId)) return twinNotFound(targetId);
  return ok(
    [...ctx.graph.incoming(targetId)].map((r) => ({
      $relationshipId: r.$relationshipId,
      $sourceId: r.$sourceId,
      $relationshipName: r.$relationshipName,
      $relationshipLink: `/digitaltwins/${encodeURIComponent(r.$sourceId)}/relationships/${encodeURIComponent(r.$relationshipId)}`,
    })),
  );
}
