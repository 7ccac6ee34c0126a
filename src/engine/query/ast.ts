/**
 * Typed AST of the ADT query language, as produced by `parseQuery`.
 * Every node carries the position of its first token so later checks can report line and column.
 * @see ../../../../shared/reference/adt-api.md §1.1
 */

/** A position in the query text: 1-based line and column, 0-based offset. */
export interface Pos {
  line: number;
  column: number;
  offset: number;
}

/** `T.a.[[b]].$metadata.$model` — the first segment may be an alias; resolved later by `bindQuery`. */
export interface PathExpr {
  kind: 'path';
  segments: string[];
  pos: Pos;
}

export type LiteralValue = string | number | boolean | null;

export interface LiteralExpr {
  kind: 'literal';
  value: LiteralValue;
  pos: Pos;
}

export type FunctionName =
  | 'IS_OF_MODEL'
  | 'IS_DEFINED'
  | 'IS_NULL'
  | 'IS_PRIMITIVE'
  | 'IS_BOOL'
  | 'IS_NUMBER'
  | 'IS_STRING'
  | 'IS_OBJECT'
  | 'STARTSWITH'
  | 'ENDSWITH'
  | 'CONTAINS'
  | 'ARRAY_CONTAINS';

export interface IsOfModelCall {
  kind: 'isOfModel';
  /** Explicit collection alias, or undefined when written `IS_OF_MODEL('dtmi')`. */
  alias?: string;
  aliasPos?: Pos;
  model: string;
  exact: boolean;
  pos: Pos;
}

export interface FunctionCall {
  kind: 'call';
  name: Exclude<FunctionName, 'IS_OF_MODEL'>;
  args: Operand[];
  pos: Pos;
}

export type Operand = PathExpr | LiteralExpr;

export type CompareOp = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type Condition =
  | { kind: 'and'; left: Condition; right: Condition; pos: Pos }
  | { kind: 'or'; left: Condition; right: Condition; pos: Pos }
  | { kind: 'not'; operand: Condition; pos: Pos }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand; pos: Pos }
  | { kind: 'in'; negated: boolean; operand: Operand; values: LiteralExpr[]; pos: Pos }
  | IsOfModelCall
  | FunctionCall;

export type Projection =
  /** A path; if it is a bare alias it projects the whole collection. */
  { path: PathExpr; as?: string; pos: Pos };

export type SelectClause =
  | { kind: 'star'; top?: number; pos: Pos }
  | { kind: 'count'; pos: Pos }
  | { kind: 'list'; top?: number; items: Projection[]; pos: Pos };

export interface JoinClause {
  alias: string;
  /** Alias the relationship starts from. */
  from: string;
  relationshipName: string;
  relationshipAlias?: string;
  pos: Pos;
}

export type Direction = 'out' | 'in' | 'any';

export interface MatchNode {
  alias?: string;
  pos: Pos;
}

export interface MatchEdge {
  direction: Direction;
  variable?: string;
  /** Relationship names; empty = any name. */
  names: string[];
  /** Hop bounds after applying the lower-bound rule (inclusive both ends). */
  minHops: number;
  maxHops: number;
  /** True when written with `*` (a hop specification), even `*1`. */
  hasHops: boolean;
  pos: Pos;
}

export interface MatchClause {
  nodes: MatchNode[];
  /** edges[i] links nodes[i] and nodes[i + 1]. */
  edges: MatchEdge[];
  pos: Pos;
}

export interface FromClause {
  collection: 'DIGITALTWINS' | 'RELATIONSHIPS';
  alias?: string;
  aliasPos?: Pos;
  joins: JoinClause[];
  match?: MatchClause;
  pos: Pos;
}

export interface QueryAst {
  select: SelectClause;
  from: FromClause;
  where?: Condition;
  /** The original text (kept for plans and continuation tokens). */
  text: string;
}
