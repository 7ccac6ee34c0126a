/** AST and error types of the safe expression language (a small subset of JavaScript expressions). */

export type BinaryOperator =
  | '+' | '-' | '*' | '/' | '%' | '**'
  | '==' | '!=' | '===' | '!==' | '<' | '<=' | '>' | '>='
  | '&&' | '||' | '??'
  | '&' | '|' | '^' | '<<' | '>>' | '>>>';

export type UnaryOperator = '!' | '-' | '+' | '~';

export type ExprNode =
  | { kind: 'literal'; value: string | number | boolean | null | undefined; start: number; end: number }
  | { kind: 'identifier'; name: string; start: number; end: number }
  | { kind: 'member'; object: ExprNode; property: ExprNode; computed: boolean; optional: boolean; start: number; end: number }
  | { kind: 'call'; callee: ExprNode; args: ExprNode[]; start: number; end: number }
  | { kind: 'unary'; operator: UnaryOperator; argument: ExprNode; start: number; end: number }
  | { kind: 'binary'; operator: BinaryOperator; left: ExprNode; right: ExprNode; start: number; end: number }
  | { kind: 'conditional'; test: ExprNode; consequent: ExprNode; alternate: ExprNode; start: number; end: number }
  | { kind: 'template'; quasis: string[]; expressions: ExprNode[]; start: number; end: number }
  | { kind: 'array'; elements: ExprNode[]; start: number; end: number };

export type ExpressionErrorCode = 'ExpressionSyntaxError' | 'ExpressionEvalError';

export interface ExpressionError {
  code: ExpressionErrorCode;
  message: string;
  /** Offset in the source text where the problem is (0-based). */
  offset: number;
  end?: number;
}

export type ExprResult<T> = { ok: true; value: T } | { ok: false; error: ExpressionError };
