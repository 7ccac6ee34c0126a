/** AST of ADT's event-route filter language (`type = '...' AND $body.temperature <= 5.5`). */
export type FilterLiteral = string | number | boolean | null;

export type FilterExpr =
  | { kind: 'literal'; value: FilterLiteral }
  /** A path into the CloudEvent: `type`, `subject`, `$body.a.b` (`$body` is the event's data). */
  | { kind: 'path'; path: string[] }
  | { kind: 'not'; operand: FilterExpr }
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'compare'; op: '=' | '!=' | '<' | '<=' | '>' | '>='; left: FilterExpr; right: FilterExpr }
  | { kind: 'in'; operand: FilterExpr; list: FilterExpr[]; negated: boolean }
  | { kind: 'call'; fn: FilterFunction; args: FilterExpr[] };

export type FilterFunction = 'STARTS_WITH' | 'ENDS_WITH' | 'CONTAINS' | 'IS_DEFINED';

export const filterFunctions: Record<FilterFunction, number> = { STARTS_WITH: 2, ENDS_WITH: 2, CONTAINS: 2, IS_DEFINED: 1 };

/** Names a filter may start a path with (CloudEvent attributes, ADT's list) besides `$body`. */
export const eventAttributes = ['id', 'source', 'subject', 'type', 'time', 'specversion', 'dataschema', 'datacontenttype', 'traceparent'] as const;
