/**
 * Model commands: upload (atomic; dependencies inside the batch or stored), decommission (irreversible), delete
 * (refused while another model extends it or uses it as a component schema). @see ../shared/reference/adt-api.md §2.6
 */
import { err, ok, type Dtmi, type ModelData, type Result } from '../types.ts';
import { ModelRegistry, toModelData } from '../model/ModelRegistry.ts';
import type { StoredModel } from '../storage/Store.ts';
import { cloneJson, isPlainObject } from '../util/clone.ts';
import type { CommandTx } from './CommandTx.ts';
import type { EngineContext } from './EngineContext.ts';
import { modelNotFound } from './errors.ts';

/** Checks the documents and builds the registry that would result from uploading them (async: parses DTDL). */
export async function prepareModels(ctx: EngineContext, models: unknown, opts: { skipExisting?: boolean } = {}): Promise<Result<{ registry: ModelRegistry; added: StoredModel[] }>> {
  if (!Array.isArray(models) || models.length === 0) {
    return err('InvalidArgument', 'Operation failed as models provided was empty or of a type that is not supported.. Check that your Model Array contains at least one item and it is of a supported type. See link(https://aka.ms/ADTv2Models) for details.');
  }
  if (models.length > ctx.limits.maxModelsPerUpload && !opts.skipExisting) {
    return err('LimitExceeded', `${models.length} models were given; at most ${ctx.limits.maxModelsPerUpload} can be uploaded in one call.`);
  }
  const ids: Dtmi[] = [];
  const seen = new Set<string>();
  const docs: unknown[] = [];
  for (let i = 0; i < models.length; i++) {
    const m = models[i];
    const id = isPlainObject(m) ? m['@id'] : undefined;
    if (typeof id !== 'string' || !id.startsWith('dtmi:')) {
      return err('DTDLParserError', `None of the models in this request could be created due to a problem with one or more models: model ${i} has no valid "@id" (a DTMI such as dtmi:com:example:Room;1).`, [{ index: i }]);
    }
    if (seen.has(id)) return err('DTDLParserError', `None of the models in this request could be created due to a problem with one or more models: ${id} is given twice.`, [{ index: i, id }]);
    seen.add(id);
    const existing = ctx.graph.models.get(id);
    if (existing && opts.skipExisting) continue;
    ids.push(id);
    docs.push(m);
  }
  const dup = ids.filter((id) => ctx.graph.models.get(id));
  if (dup.length) {
    return err('ModelIdAlreadyExists', `Some of the model ids already exist: ${dup.join(', ')}. Use Model_List API to view models that already exist. See the Swagger example.(https://aka.ms/ModelListSwSmpl).`, dup);
  }
  if (ctx.graph.models.size + ids.length > ctx.limits.maxModels) {
    return err('LimitExceeded', `Uploading ${ids.length} models would exceed the instance's limit of ${ctx.limits.maxModels} models.`);
  }
  const now = ctx.now();
  const added: StoredModel[] = docs.map((d, i) => ({ id: ids[i], model: cloneJson(d), uploadTime: now, decommissioned: false }));
  if (!added.length) return ok({ registry: ctx.graph.models, added });
  const built = await ModelRegistry.build([...ctx.graph.models.all(), ...added]);
  if (!built.ok) {
    const first = built.errors[0];
    const detail = built.unresolved?.length
      ? `they depend on models that are neither in the request nor uploaded: ${built.unresolved.join(', ')}.`
      : `${first ? `${first.cause} ${first.action}` : 'invalid DTDL.'}`;
    return err('DTDLParserError', `None of the models in this request could be created due to a problem with one or more models: ${detail}`, built.errors);
  }
  return ok({ registry: built.registry, added });
}

export function commitModels(tx: CommandTx, registry: ModelRegistry, added: StoredModel[]): ModelData[] {
  if (added.length) tx.setModels(registry, added, []);
  return added.map((m) => toModelData(m, false));
}

export function decommissionModel(ctx: EngineContext, tx: CommandTx, id: Dtmi): Result<void> {
  const m = ctx.graph.models.get(id);
  if (!m) return modelNotFound(id);
  if (m.decommissioned) return ok(undefined);
  const next: StoredModel = { ...m, decommissioned: true };
  const all = ctx.graph.models.all().map((x) => (x.id === id ? next : x));
  tx.setModels(ctx.graph.models.withStored(all), [next], []);
  return ok(undefined);
}

export async function prepareDeleteModel(ctx: EngineContext, id: Dtmi): Promise<Result<ModelRegistry>> {
  if (!ctx.graph.models.get(id)) return modelNotFound(id);
  const refs = ctx.graph.models.referencedBy(id);
  if (refs.length) {
    return err('ModelReferencesNotDeleted', `This model is currently being referenced by ${refs.join(', ')}. You must delete these references before deleting the Model.. To delete references, do Delete Model on Ids provided above.`, refs);
  }
  const built = await ModelRegistry.build(ctx.graph.models.all().filter((m) => m.id !== id));
  if (!built.ok) return err('DTDLParserError', `Model ${id} cannot be deleted: the remaining models would not parse (${built.errors[0]?.cause ?? 'unknown'}).`, built.errors);
  return ok(built.registry);
}
