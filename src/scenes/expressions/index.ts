/**
 * The safe expression language of visual rules, widgets and labels (ADT 3D Scenes Studio syntax:
 * `PrimaryTwin.Temperature > 70`, `Math.max(A.x, B.y)`, templates `Temp ${PrimaryTwin.T} °C`).
 * Hand-written tokenizer, parser and tree-walking evaluator: never eval or new Function.
 */
export { parseExpression } from './parseExpression.ts';
export { evaluateExpression, toText } from './evaluateExpression.ts';
export type { Scope } from './evaluateExpression.ts';
export { compileExpression, compileTemplate, evaluate, renderTemplate } from './compile.ts';
export { collectReferences } from './references.ts';
export type { ExprReference } from './references.ts';
export type { ExprNode, ExprResult, ExpressionError, ExpressionErrorCode } from './types.ts';
