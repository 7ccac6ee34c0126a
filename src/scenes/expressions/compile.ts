/**
 * Compiling = parsing once and caching the AST by source text, so rules re-evaluated on every twin change
 * do not re-parse. Also the two entry points the studio uses: `evaluate` (a value expression) and
 * `renderTemplate` (a label / link text where `${...}` holes are filled, as ADT 3D Scenes Studio does by
 * stripping backticks and wrapping the text in a template literal).
 */
import { parseExpression } from './parseExpression.ts';
import { evaluateExpression, toText, type Scope } from './evaluateExpression.ts';
import type { ExprNode, ExprResult } from './types.ts';

const MAX_CACHE = 2000;
const exprCache = new Map<string, ExprResult<ExprNode>>();
const templateCache = new Map<string, ExprResult<ExprNode>>();

function cached(cache: Map<string, ExprResult<ExprNode>>, key: string, make: () => ExprResult<ExprNode>): ExprResult<ExprNode> {
  let r = cache.get(key);
  if (!r) {
    r = make();
    if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
    cache.set(key, r);
  }
  return r;
}

export function compileExpression(src: string): ExprResult<ExprNode> {
  return cached(exprCache, src, () => parseExpression(src));
}

/** Parses label text as a template literal. Offsets in errors refer to the original text. */
export function compileTemplate(text: string): ExprResult<ExprNode> {
  return cached(templateCache, text, () => {
    const stripped = text.replace(/`/g, '');
    // Offsets: the wrapped text has one extra leading char; shift back by one.
    const r = parseExpression('`' + stripped + '`', -1);
    return r;
  });
}

export function evaluate(src: string, scope: Scope): ExprResult<unknown> {
  const c = compileExpression(src);
  return c.ok ? evaluateExpression(c.value, scope) : c;
}

export function renderTemplate(text: string, scope: Scope): ExprResult<string> {
  if (!text.includes('${')) return { ok: true, value: text.replace(/`/g, '') };
  const c = compileTemplate(text);
  if (!c.ok) return c;
  const r = evaluateExpression(c.value, scope);
  return r.ok ? { ok: true, value: toText(r.value) } : r;
}
