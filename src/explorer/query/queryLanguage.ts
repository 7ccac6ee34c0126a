/** Words of the ADT query language, for highlighting and completion. */
export const KEYWORDS = [
  'SELECT', 'TOP', 'COUNT', 'FROM', 'DIGITALTWINS', 'RELATIONSHIPS', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'NIN',
  'AS', 'JOIN', 'RELATED', 'MATCH', 'DISTINCT',
] as const;

export const LITERALS = ['true', 'false', 'null'] as const;

export const FUNCTIONS = [
  'IS_OF_MODEL', 'IS_DEFINED', 'IS_NULL', 'IS_PRIMITIVE', 'IS_NUMBER', 'IS_STRING', 'IS_BOOL', 'IS_OBJECT',
  'STARTSWITH', 'ENDSWITH', 'CONTAINS', 'ARRAY_CONTAINS',
] as const;

/** Twin and relationship system properties. */
export const TWIN_SYSTEM = ['$dtId', '$etag', '$metadata'] as const;
export const RELATIONSHIP_SYSTEM = ['$relationshipId', '$sourceId', '$targetId', '$relationshipName', '$etag'] as const;

const KEYWORD_SET = new Set<string>(KEYWORDS);
const FUNCTION_SET = new Set<string>(FUNCTIONS);
const LITERAL_SET = new Set<string>(LITERALS);

export function isKeyword(word: string): boolean {
  return KEYWORD_SET.has(word.toUpperCase());
}
export function isFunction(word: string): boolean {
  return FUNCTION_SET.has(word.toUpperCase());
}
export function isLiteral(word: string): boolean {
  return LITERAL_SET.has(word.toLowerCase());
}
