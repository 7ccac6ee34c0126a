/**
 * src/engine/query — the Azure Digital Twins query language over an in-memory graph view (`QuerySource`).
 *
 *   executeQuery(text, source, opts?) -> Result<QueryPage>   one page; pass continuationToken back for the next
 *   explainQuery(text, source)        -> Result<QueryExplanation>   the chosen plan
 *   parseQuery(text)                  -> Result<QueryAst>    SqlQueryError with line/column on bad syntax
 * @see ../../../../shared/reference/adt-api.md §1
 */
export type { QuerySource } from './QuerySource.ts';
export type {
  QueryAst, Condition, Operand, PathExpr, LiteralExpr, LiteralValue, SelectClause, FromClause, JoinClause, MatchClause,
  MatchEdge, MatchNode, Projection, Pos, CompareOp, FunctionName,
} from './ast.ts';
export { parseQuery, RESERVED_WORDS, type ParseOptions } from './parseQuery.ts';
export type { SqlQueryErrorDetails } from './SqlQueryError.ts';
export { executeQuery, type QueryOptions } from './executeQuery.ts';
export { explainQuery, type QueryExplanation } from './explainQuery.ts';
export type { Access } from './planQuery.ts';
export { DEFAULT_LIMITS, HOP_RANGE_LOWER_BOUND_EXCLUSIVE, type QueryLimits } from './limits.ts';
export { MemoryQuerySource, splitDtmi, extendsOf } from './MemoryQuerySource.ts';
export { graphSource } from './graphSource.ts';
