/**
 * Which twin data an expression reads: `PrimaryTwin.Temperature` -> {root: 'PrimaryTwin', path: ['Temperature']}.
 * Used by the rule inspector (a rule's inputs), by validation (unknown alias) and for autocompletion.
 */
import type { ExprNode } from './types.ts';

export interface ExprReference {
  root: string;
  path: string[];
}

const BUILTIN_ROOTS = new Set(['Math', 'Number', 'String', 'Boolean', 'isNaN', 'isFinite', 'parseFloat', 'parseInt']);

export function collectReferences(node: ExprNode): ExprReference[] {
  const out: ExprReference[] = [];
  const seen = new Set<string>();
  const push = (r: ExprReference) => {
    const key = r.root + '\u0000' + r.path.join('\u0000');
    if (!seen.has(key)) { seen.add(key); out.push(r); }
  };
  const visit = (n: ExprNode): void => {
    switch (n.kind) {
      case 'identifier':
        if (!BUILTIN_ROOTS.has(n.name)) push({ root: n.name, path: [] });
        return;
      case 'member': {
        const chain = memberChain(n);
        if (chain && !BUILTIN_ROOTS.has(chain.root)) { push(chain); return; }
        visit(n.object);
        if (n.computed) visit(n.property);
        return;
      }
      case 'call': visit(n.callee); n.args.forEach(visit); return;
      case 'unary': visit(n.argument); return;
      case 'binary': visit(n.left); visit(n.right); return;
      case 'conditional': visit(n.test); visit(n.consequent); visit(n.alternate); return;
      case 'template': n.expressions.forEach(visit); return;
      case 'array': n.elements.forEach(visit); return;
      case 'literal': return;
    }
  };
  visit(node);
  return out;
}

/** `A.b.c` or `A['b'].c` with literal keys -> {root: 'A', path: ['b','c']}; otherwise null. */
function memberChain(n: ExprNode): ExprReference | null {
  if (n.kind === 'identifier') return { root: n.name, path: [] };
  if (n.kind !== 'member' || n.property.kind !== 'literal') return null;
  const inner = memberChain(n.object);
  return inner ? { root: inner.root, path: [...inner.path, String(n.property.value)] } : null;
}
