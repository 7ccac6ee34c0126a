/**
 * The twins and relationships on the canvas as an ADT Explorer graph file (fileVersion 1.0.0), written like the
 * engine's workspace export: `$metadata` reduced to `$model` (plus any `sourceTime`), no `$etag`s, relationship
 * properties at the top level, and the models those twins need (their models, bases and component schemas),
 * dependencies first. Pure.
 */
import { buildModelIndex } from '../models/modelIndex.ts';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function reduceMetadata(meta: unknown, model?: unknown): Json {
  const out: Json = model === undefined ? {} : { $model: model };
  if (isObject(meta)) {
    for (const [k, v] of Object.entries(meta)) {
      if (!k.startsWith('$') && isObject(v) && typeof v.sourceTime === 'string') out[k] = { sourceTime: v.sourceTime };
    }
  }
  return out;
}

export function exportTwinBody(t: Json): Json {
  const meta = isObject(t.$metadata) ? t.$metadata : {};
  const out: Json = { $dtId: t.$dtId, $metadata: reduceMetadata(meta, meta.$model) };
  for (const [k, v] of Object.entries(t)) {
    if (k.startsWith('$')) continue;
    if (isObject(v) && isObject(v.$metadata)) {
      const c: Json = {};
      for (const [ck, cv] of Object.entries(v)) if (!ck.startsWith('$')) c[ck] = cv;
      c.$metadata = reduceMetadata(v.$metadata);
      out[k] = c;
    } else out[k] = v;
  }
  return out;
}

export function exportRelationshipBody(r: Json): Json {
  const { $etag: _e, ...rest } = r;
  return rest;
}

/** The models `used` need, dependencies (bases, component schemas) before dependants, ties by id. */
export function neededModels(models: Array<{ id: string; model?: unknown }>, used: Iterable<string>): unknown[] {
  const index = buildModelIndex(models);
  const out: unknown[] = [];
  const done = new Set<string>();
  const visit = (id: string, stack: Set<string>) => {
    const n = index.byId.get(id);
    if (!n || done.has(id) || stack.has(id)) return;
    stack.add(id);
    const deps = [...n.extends, ...n.contents.filter((c) => c.kind === 'Component' && c.schema).map((c) => c.schema!)].sort();
    for (const d of deps) visit(d, stack);
    done.add(id);
    out.push(n.definition);
  };
  for (const id of [...new Set(used)].sort()) visit(id, new Set());
  return out;
}

export function canvasGraphFile(twins: Iterable<Json>, relationships: Iterable<Json>, models: Array<{ id: string; model?: unknown }>): string {
  const t = [...twins].sort((a, b) => String(a.$dtId).localeCompare(String(b.$dtId)));
  const r = [...relationships].sort((a, b) => String(a.$sourceId).localeCompare(String(b.$sourceId)) || String(a.$relationshipId).localeCompare(String(b.$relationshipId)));
  const used = t.map((x) => (isObject(x.$metadata) ? x.$metadata.$model : undefined)).filter((m): m is string => typeof m === 'string');
  return JSON.stringify(
    {
      digitalTwinsFileInfo: { fileVersion: '1.0.0' },
      digitalTwinsGraph: { digitalTwins: t.map(exportTwinBody), relationships: r.map(exportRelationshipBody) },
      digitalTwinsModels: neededModels(models, used),
    },
    null,
    2,
  );
}
