/**
 * Name resolution: turns the parsed AST into a bound query whose paths point at numbered collection slots
 * (the FROM collection, each JOIN target and relationship alias, each MATCH node and relationship variable).
 * Semantic errors (unknown alias, ambiguous IS_OF_MODEL, duplicate result keys...) are SqlQueryErrors here.
 */
import type { Condition, LiteralValue, Operand, Pos, QueryAst } from './ast.ts';
import { QuerySyntaxError, sqlQueryError } from './SqlQueryError.ts';
import { ok, type Result } from '../types.ts';

export interface Slot {
  /** Alias as written, or `_n` for an anonymous MATCH node. */
  name: string;
  kind: 'twin' | 'rel';
  hidden: boolean;
}

export interface BoundPath {
  slot: number;
  /** Segments after the alias; empty = the whole document. */
  segments: string[];
}

export type BoundOperand = { kind: 'path'; path: BoundPath } | { kind: 'literal'; value: LiteralValue };

export type BoundCondition =
  | { kind: 'and' | 'or'; left: BoundCondition; right: BoundCondition }
  | { kind: 'not'; operand: BoundCondition }
  | { kind: 'compare'; op: '=' | '!=' | '<' | '>' | '<=' | '>='; left: BoundOperand; right: BoundOperand }
  | { kind: 'in'; negated: boolean; operand: BoundOperand; values: LiteralValue[] }
  | { kind: 'isOfModel'; slot: number; model: string; exact: boolean }
  | { kind: 'call'; name: string; args: BoundOperand[] };

/** One relationship pattern between two twin slots; `direction` is relative to from → to. */
export interface PatternEdge {
  from: number;
  to: number;
  direction: 'out' | 'in' | 'any';
  names: string[];
  minHops: number;
  maxHops: number;
  relSlot?: number;
}

export interface BoundProjection {
  key: string;
  path: BoundPath;
}

export type BoundSelect =
  | { kind: 'star'; top?: number }
  | { kind: 'count' }
  | { kind: 'list'; top?: number; items: BoundProjection[] };

export interface BoundQuery {
  text: string;
  collection: 'DIGITALTWINS' | 'RELATIONSHIPS';
  slots: Slot[];
  edges: PatternEdge[];
  select: BoundSelect;
  where?: BoundCondition;
}

export function bindQuery(ast: QueryAst): Result<BoundQuery> {
  try {
    return ok(bind(ast));
  } catch (e) {
    if (e instanceof QuerySyntaxError) return sqlQueryError(e);
    throw e;
  }
}

function bind(ast: QueryAst): BoundQuery {
  const slots: Slot[] = [];
  const byName = new Map<string, number>();
  const edges: PatternEdge[] = [];
  const addSlot = (name: string | undefined, kind: Slot['kind'], pos: Pos): number => {
    const i = slots.length;
    if (name === undefined) {
      slots.push({ name: `_${i}`, kind, hidden: true });
      return i;
    }
    if (byName.has(name)) throw new QuerySyntaxError(pos, `alias '${name}' is defined twice`, 'a new alias');
    byName.set(name, i);
    slots.push({ name, kind, hidden: false });
    return i;
  };
  const { from } = ast;
  if (from.match) {
    const nodeSlots = from.match.nodes.map((n) => addSlot(n.alias, 'twin', n.pos));
    from.match.edges.forEach((e, i) => {
      const edge: PatternEdge = {
        from: nodeSlots[i], to: nodeSlots[i + 1], direction: e.direction, names: e.names, minHops: e.minHops, maxHops: e.maxHops,
      };
      if (e.variable !== undefined) edge.relSlot = addSlot(e.variable, 'rel', e.pos);
      edges.push(edge);
    });
  } else {
    addSlot(from.alias, from.collection === 'RELATIONSHIPS' ? 'rel' : 'twin', from.aliasPos ?? from.pos);
    if (from.alias === undefined) slots[0].name = from.collection;
    for (const j of from.joins) {
      const src = byName.get(j.from);
      if (src === undefined) throw new QuerySyntaxError(j.pos, `JOIN ... RELATED ${j.from}.${j.relationshipName}: '${j.from}' is not an alias defined before`, 'a defined alias');
      if (slots[src].kind !== 'twin') throw new QuerySyntaxError(j.pos, `'${j.from}' is a relationship; JOIN ... RELATED starts from a twin`, 'a twin alias');
      const to = addSlot(j.alias, 'twin', j.pos);
      const edge: PatternEdge = { from: src, to, direction: 'out', names: [j.relationshipName], minHops: 1, maxHops: 1 };
      if (j.relationshipAlias !== undefined) edge.relSlot = addSlot(j.relationshipAlias, 'rel', j.pos);
      edges.push(edge);
    }
  }
  const single = !from.match && from.joins.length === 0;

  const resolve = (segments: string[], pos: Pos): BoundPath => {
    const slot = byName.get(segments[0]);
    if (slot !== undefined) return { slot, segments: segments.slice(1) };
    if (single) return { slot: 0, segments };
    throw new QuerySyntaxError(pos, `'${segments[0]}' is not a collection alias; with JOIN or MATCH, write alias.property`, 'a collection alias');
  };
  const operand = (o: Operand): BoundOperand =>
    o.kind === 'literal' ? { kind: 'literal', value: o.value } : { kind: 'path', path: resolve(o.segments, o.pos) };

  const twinSlots = slots.map((s, i) => (s.kind === 'twin' ? i : -1)).filter((i) => i >= 0);
  const condition = (c: Condition): BoundCondition => {
    switch (c.kind) {
      case 'and':
      case 'or':
        return { kind: c.kind, left: condition(c.left), right: condition(c.right) };
      case 'not':
        return { kind: 'not', operand: condition(c.operand) };
      case 'compare':
        return { kind: 'compare', op: c.op, left: operand(c.left), right: operand(c.right) };
      case 'in':
        return { kind: 'in', negated: c.negated, operand: operand(c.operand), values: c.values.map((v) => v.value) };
      case 'isOfModel': {
        let slot: number;
        if (c.alias !== undefined) {
          const s = byName.get(c.alias);
          if (s === undefined) throw new QuerySyntaxError(c.aliasPos ?? c.pos, `IS_OF_MODEL: '${c.alias}' is not a collection alias`, 'a collection alias');
          if (slots[s].kind !== 'twin') throw new QuerySyntaxError(c.aliasPos ?? c.pos, `IS_OF_MODEL: '${c.alias}' is a relationship, not a twin`, 'a twin alias');
          slot = s;
        } else {
          if (from.collection === 'RELATIONSHIPS') throw new QuerySyntaxError(c.pos, 'IS_OF_MODEL applies to twins, not to FROM RELATIONSHIPS', 'a condition');
          if (twinSlots.length !== 1) throw new QuerySyntaxError(c.pos, 'IS_OF_MODEL needs a collection alias when several twins are in scope: IS_OF_MODEL(alias, \'dtmi:...\')', 'a collection alias');
          slot = twinSlots[0];
        }
        return { kind: 'isOfModel', slot, model: c.model, exact: c.exact };
      }
      case 'call':
        return { kind: 'call', name: c.name, args: c.args.map(operand) };
    }
  };

  let select: BoundSelect;
  const s = ast.select;
  if (s.kind === 'count') select = { kind: 'count' };
  else if (s.kind === 'star') select = s.top === undefined ? { kind: 'star' } : { kind: 'star', top: s.top };
  else {
    const seen = new Set<string>();
    const items = s.items.map((p): BoundProjection => {
      const path = resolve(p.path.segments, p.path.pos);
      const key = p.as ?? (path.segments.length ? path.segments[path.segments.length - 1] : p.path.segments[0]);
      if (seen.has(key)) {
        // ADT's behaviour for colliding names is undocumented: refuse rather than silently drop a value.
        throw new QuerySyntaxError(p.pos, `duplicate result name '${key}': give one of the projections another name with AS`, 'AS <name>');
      }
      seen.add(key);
      return { key, path };
    });
    select = s.top === undefined ? { kind: 'list', items } : { kind: 'list', top: s.top, items };
  }
  const bound: BoundQuery = { text: ast.text, collection: from.collection, slots, edges, select };
  if (ast.where) bound.where = condition(ast.where);
  return bound;
}
