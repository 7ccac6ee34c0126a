/**
 * A read-only index over raw DTDL interface definitions (as listModels returns them): inheritance tree,
 * references between models and contents resolved with inheritance. Pure TS, no React.
 */

export type ContentKind = 'Property' | 'Telemetry' | 'Relationship' | 'Component' | 'Command';

export interface ResolvedContent {
  name: string;
  kind: ContentKind;
  /** The interface that declares it (the model itself or an ancestor). */
  definedIn: string;
  /** Short text of the schema: `double`, `Enum`, `Object`, a DTMI for components... */
  schema?: string;
  /** Relationship target, when given. */
  target?: string;
  /** Semantic co-types such as `Temperature`. */
  coTypes: string[];
  writable?: boolean;
  /** Relationship only: names of its properties. */
  properties?: string[];
}

export interface ModelNode {
  id: string;
  displayName: string;
  /** Direct parents (DTMIs). */
  extends: string[];
  /** Own contents (not inherited). */
  contents: ResolvedContent[];
  definition: unknown;
  decommissioned: boolean;
}

export interface ModelIndex {
  byId: Map<string, ModelNode>;
  /** Direct children (models that extend the key). */
  children: Map<string, string[]>;
  /** Models with no parent among the known models, sorted by display name. */
  roots: string[];
}

export interface ModelInput {
  id: string;
  model?: unknown;
  decommissioned?: boolean;
  displayName?: Record<string, string>;
}

const KINDS: ContentKind[] = ['Property', 'Telemetry', 'Relationship', 'Component', 'Command'];

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function toArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The `en` (else first) value of a DTDL language string. */
export function langText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const r = asRecord(v);
  if (!r) return undefined;
  const en = r.en ?? r['en-US'] ?? r['en-us'];
  if (typeof en === 'string') return en;
  const first = Object.values(r).find((s) => typeof s === 'string');
  return typeof first === 'string' ? first : undefined;
}

function idOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const id = asRecord(v)?.['@id'];
  return typeof id === 'string' ? id : undefined;
}

function schemaText(s: unknown): string | undefined {
  if (typeof s === 'string') return s;
  const r = asRecord(s);
  if (!r) return undefined;
  const t = toArray(r['@type']).find((x) => typeof x === 'string');
  return typeof t === 'string' ? t : idOf(r);
}

function contentOf(raw: unknown, definedIn: string): ResolvedContent | undefined {
  const r = asRecord(raw);
  if (!r || typeof r.name !== 'string') return undefined;
  const types = toArray(r['@type']).filter((t): t is string => typeof t === 'string');
  const kind = KINDS.find((k) => types.includes(k));
  if (!kind) return undefined;
  const c: ResolvedContent = { name: r.name, kind, definedIn, coTypes: types.filter((t) => t !== kind) };
  const schema = kind === 'Component' ? idOf(r.schema) ?? schemaText(r.schema) : schemaText(r.schema);
  if (schema) c.schema = schema;
  if (kind === 'Relationship' && typeof r.target === 'string') c.target = r.target;
  if (typeof r.writable === 'boolean') c.writable = r.writable;
  if (kind === 'Relationship' && Array.isArray(r.properties)) {
    c.properties = r.properties.map((p) => asRecord(p)?.name).filter((n): n is string => typeof n === 'string');
  }
  return c;
}

export function modelNode(input: ModelInput): ModelNode {
  const def = asRecord(input.model) ?? {};
  const id = typeof def['@id'] === 'string' ? (def['@id'] as string) : input.id;
  const contents: ResolvedContent[] = [];
  for (const c of toArray(def.contents)) {
    const rc = contentOf(c, id);
    if (rc) contents.push(rc);
  }
  const name = langText(def.displayName) ?? langText(input.displayName) ?? id;
  return {
    id,
    displayName: name,
    extends: toArray(def.extends).map(idOf).filter((x): x is string => !!x),
    contents,
    definition: input.model,
    decommissioned: !!input.decommissioned,
  };
}

export function buildModelIndex(models: ModelInput[]): ModelIndex {
  const byId = new Map<string, ModelNode>();
  for (const m of models) {
    const n = modelNode(m);
    byId.set(n.id, n);
  }
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const n of byId.values()) {
    const parents = n.extends.filter((p) => byId.has(p));
    if (!parents.length) roots.push(n.id);
    for (const p of parents) {
      const list = children.get(p);
      if (list) list.push(n.id);
      else children.set(p, [n.id]);
    }
  }
  const byName = (a: string, b: string) => compareModels(byId.get(a)!, byId.get(b)!);
  roots.sort(byName);
  for (const list of children.values()) list.sort(byName);
  return { byId, children, roots };
}

function compareModels(a: ModelNode, b: ModelNode): number {
  return a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id);
}

/** Ancestors of `id` (transitive `extends`), nearest first, each once. */
export function ancestorsOf(index: ModelIndex, id: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>([id]);
  const queue = [...(index.byId.get(id)?.extends ?? [])];
  while (queue.length) {
    const p = queue.shift()!;
    if (seen.has(p)) continue;
    seen.add(p);
    out.push(p);
    queue.push(...(index.byId.get(p)?.extends ?? []));
  }
  return out;
}

/** `id` and every model that extends it, directly or not. */
export function descendantsOf(index: ModelIndex, id: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const m = stack.pop()!;
    if (seen.has(m)) continue;
    seen.add(m);
    out.push(m);
    stack.push(...(index.children.get(m) ?? []));
  }
  return out;
}

/** Own and inherited contents; an own content hides an inherited one of the same name. */
export function resolveContents(index: ModelIndex, id: string): ResolvedContent[] {
  const out = new Map<string, ResolvedContent>();
  for (const m of [id, ...ancestorsOf(index, id)]) {
    for (const c of index.byId.get(m)?.contents ?? []) if (!out.has(c.name)) out.set(c.name, c);
  }
  return [...out.values()];
}

/** Models that reference `id` through `extends` or a component schema (what blocks ADT's delete). */
export function referrersOf(index: ModelIndex, id: string): string[] {
  const out: string[] = [];
  for (const n of index.byId.values()) {
    if (n.id === id) continue;
    if (n.extends.includes(id) || n.contents.some((c) => c.kind === 'Component' && c.schema === id)) out.push(n.id);
  }
  return out.sort();
}

/** Does a model match a search text (id or display name, case-insensitive substring)? */
export function modelMatches(n: ModelNode, text: string): boolean {
  const t = text.trim().toLowerCase();
  return !t || n.id.toLowerCase().includes(t) || n.displayName.toLowerCase().includes(t);
}

export interface TreeRow {
  id: string;
  depth: number;
  /** Has children in the full tree. */
  hasChildren: boolean;
}

/**
 * The inheritance tree flattened for display. A model with several parents appears under each of them.
 * With a search text, only matching models and their ancestors are kept (ancestors give context).
 */
export function treeRows(index: ModelIndex, search: string, collapsed: ReadonlySet<string> = new Set()): TreeRow[] {
  const keep = new Set<string>();
  const searching = search.trim() !== '';
  if (searching) {
    for (const n of index.byId.values()) {
      if (modelMatches(n, search)) {
        keep.add(n.id);
        for (const a of ancestorsOf(index, n.id)) keep.add(a);
      }
    }
  }
  const rows: TreeRow[] = [];
  const visit = (id: string, depth: number, path: Set<string>) => {
    if (searching && !keep.has(id)) return;
    const kids = index.children.get(id) ?? [];
    rows.push({ id, depth, hasChildren: kids.length > 0 });
    if (collapsed.has(id) && !searching) return;
    if (path.has(id)) return;
    path.add(id);
    for (const k of kids) visit(k, depth + 1, path);
    path.delete(id);
  };
  for (const r of index.roots) visit(r, 0, new Set());
  return rows;
}

/** Twins per model including subtypes, from exact counts. */
export function inclusiveCounts(index: ModelIndex, exact: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of index.byId.keys()) {
    let total = 0;
    for (const d of descendantsOf(index, id)) total += exact.get(d) ?? 0;
    out.set(id, total);
  }
  return out;
}

/** Deletion order for "delete all": models nobody references first (leaves of the dependency graph). */
export function deletionOrder(index: ModelIndex): string[] {
  const remaining = new Set(index.byId.keys());
  const order: string[] = [];
  while (remaining.size) {
    const pass = [...remaining].filter((id) => ![...remaining].some((o) => o !== id && referencesModel(index, o, id)));
    if (!pass.length) {
      order.push(...remaining);
      break;
    }
    for (const id of pass.sort()) {
      order.push(id);
      remaining.delete(id);
    }
  }
  return order;
}

function referencesModel(index: ModelIndex, from: string, to: string): boolean {
  const n = index.byId.get(from);
  return !!n && (n.extends.includes(to) || n.contents.some((c) => c.kind === 'Component' && c.schema === to));
}
