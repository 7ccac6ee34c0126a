export { parseFilter } from './parseFilter.ts';
export { evaluateFilter } from './evaluateFilter.ts';
export { compileFilter, type EventPredicate } from './compileFilter.ts';
export type { FilterExpr } from './ast.ts';
