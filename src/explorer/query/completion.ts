/**
 * Completion for the query editor: keywords and functions, the aliases the query declares, model ids inside
 * strings, property names after `alias.` (narrowed by IS_OF_MODEL when the query gives one), relationship
 * names after `RELATED alias.` and inside MATCH `[r:`. Pure: works on the text and the cursor.
 */
import { highlightSpans, type Span } from './highlight.ts';
import { FUNCTIONS, KEYWORDS, RELATIONSHIP_SYSTEM, TWIN_SYSTEM } from './queryLanguage.ts';

export interface CompletionContext {
  modelIds: string[];
  /** Property names per model, inherited ones included. */
  propertiesByModel: ReadonlyMap<string, string[]>;
  relationshipNames: string[];
  /** Relationship property names (any relationship). */
  relationshipProperties?: string[];
}

export type ItemKind = 'keyword' | 'function' | 'alias' | 'model' | 'property' | 'relationship';

export interface CompletionItem {
  label: string;
  kind: ItemKind;
  /** Text that replaces [from, to). */
  insert: string;
}

export interface Completion {
  from: number;
  to: number;
  items: CompletionItem[];
}

export interface Aliases {
  twins: Set<string>;
  relationships: Set<string>;
  /** alias -> model id from IS_OF_MODEL(alias, 'id'). */
  models: Map<string, string>;
}

const word = (s: Span | undefined) => (s && (s.kind === 'ident' || s.kind === 'keyword' || s.kind === 'escaped' || s.kind === 'function' || s.kind === 'literal') ? s.text.replace(/^\[\[|\]\]$/g, '') : undefined);
const is = (s: Span | undefined, w: string) => !!s && s.text.toUpperCase() === w;

function unquote(s: string): string {
  return s.length >= 2 && (s[0] === "'" || s[0] === '"') && s[s.length - 1] === s[0] ? s.slice(1, -1) : s.slice(1);
}

export function findAliases(text: string): Aliases {
  const t = highlightSpans(text).filter((s) => s.kind !== 'space');
  const out: Aliases = { twins: new Set(), relationships: new Set(), models: new Map() };
  const aliasAfter = (i: number): string | undefined => {
    let j = i;
    if (is(t[j], 'AS')) j++;
    const w = word(t[j]);
    return w && !['WHERE', 'JOIN', 'MATCH', 'SELECT', 'FROM', 'AND', 'OR'].includes(w.toUpperCase()) && t[j].kind !== 'keyword' ? w : undefined;
  };
  for (let i = 0; i < t.length; i++) {
    if (is(t[i], 'FROM') || t[i - 1] && is(t[i - 1], ',') && (is(t[i], 'DIGITALTWINS') || is(t[i], 'RELATIONSHIPS'))) {
      const k = is(t[i], 'FROM') ? i + 1 : i;
      if (is(t[k], 'DIGITALTWINS')) {
        const a = aliasAfter(k + 1);
        if (a) out.twins.add(a);
      } else if (is(t[k], 'RELATIONSHIPS')) {
        const a = aliasAfter(k + 1);
        if (a) out.relationships.add(a);
      }
    }
    if (is(t[i], 'JOIN')) {
      const a = word(t[i + 1]);
      if (a) out.twins.add(a);
      // JOIN X RELATED Y.name [AS] R
      if (is(t[i + 2], 'RELATED') && t[i + 4]?.text === '.') {
        const r = aliasAfter(i + 6);
        if (r) out.relationships.add(r);
      }
    }
    if (t[i].text === '(' && t[i + 2] && (t[i + 2].text === ')' || t[i + 2].text === ':') && !is(t[i - 1], 'IS_OF_MODEL') && t[i - 1]?.kind !== 'function') {
      const a = word(t[i + 1]);
      const prev = t[i - 1];
      if (a && (!prev || prev.text === '-' || prev.text === '>' || is(prev, 'MATCH') || prev.text === ',')) out.twins.add(a);
    }
    if (t[i].text === '[' && t[i - 1]?.text === '-') {
      const a = word(t[i + 1]);
      if (a && (t[i + 2]?.text === ':' || t[i + 2]?.text === ']')) out.relationships.add(a);
    }
    if (is(t[i], 'IS_OF_MODEL') && t[i + 1]?.text === '(') {
      const first = t[i + 2];
      if (first?.kind === 'string') {
        const only = out.twins.size === 1 ? [...out.twins][0] : '';
        out.models.set(only, unquote(first.text));
      } else if (word(first) && t[i + 3]?.text === ',' && t[i + 4]?.kind === 'string') {
        out.models.set(word(first)!, unquote(t[i + 4].text));
      }
    }
  }
  // An alias-less single collection: IS_OF_MODEL('x') belongs to it.
  if (out.models.has('') && out.twins.size === 1) out.models.set([...out.twins][0], out.models.get('')!);
  return out;
}

function rank(items: CompletionItem[], prefix: string): CompletionItem[] {
  const p = prefix.toLowerCase();
  const starts = items.filter((i) => i.label.toLowerCase().startsWith(p));
  const contains = p ? items.filter((i) => !i.label.toLowerCase().startsWith(p) && i.label.toLowerCase().includes(p)) : [];
  const seen = new Set<string>();
  return [...starts, ...contains].filter((i) => (seen.has(i.label) ? false : (seen.add(i.label), true)));
}

function allProperties(ctx: CompletionContext): string[] {
  const set = new Set<string>();
  for (const props of ctx.propertiesByModel.values()) for (const p of props) set.add(p);
  return [...set].sort();
}

function propertyInsert(name: string): string {
  return /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name) ? name : `[[${name}]]`;
}

/**
 * Completions at `cursor`. `explicit` is true for Ctrl+Space (then an empty prefix lists everything that fits).
 */
export function complete(text: string, cursor: number, ctx: CompletionContext, explicit = false): Completion | null {
  const before = text.slice(0, cursor);
  const spans = highlightSpans(before);
  const last = spans[spans.length - 1];
  const aliases = findAliases(text);

  // Inside a string literal: model ids.
  if (last?.kind === 'string' && (last.text.length === 1 || last.text[last.text.length - 1] !== last.text[0] || last.text.length < 2)) {
    const prefix = last.text.slice(1);
    const items = rank(ctx.modelIds.map((id) => ({ label: id, kind: 'model' as const, insert: id })), prefix);
    return items.length ? { from: last.start + 1, to: cursor + (text[cursor] === last.text[0] ? 0 : 0), items } : null;
  }

  const prefixSpan = last && (last.kind === 'ident' || last.kind === 'keyword' || last.kind === 'function' || last.kind === 'system' || last.kind === 'literal') ? last : undefined;
  const prefix = prefixSpan?.text ?? '';
  const from = prefixSpan ? prefixSpan.start : cursor;
  const solid = spans.filter((s) => s.kind !== 'space');
  const idx = prefixSpan ? solid.length - 1 : solid.length;
  const prev = solid[idx - 1];
  const prev2 = solid[idx - 2];

  if (!prefix && !explicit && prev?.text !== '.' && prev?.text !== ':') return null;

  // MATCH -[r:| -> relationship names
  if (prev?.text === ':' && (prev2?.kind === 'ident' || prev2?.text === '[')) {
    const items = rank(ctx.relationshipNames.map((n) => ({ label: n, kind: 'relationship' as const, insert: n })), prefix);
    return items.length ? { from, to: cursor, items } : null;
  }

  // alias.<prefix>
  if (prev?.text === '.' && prev2) {
    const owner = word(prev2) ?? (prev2.kind === 'system' ? prev2.text : undefined);
    if (!owner) return null;
    const beforeOwner = solid[idx - 3];
    if (is(beforeOwner, 'RELATED')) {
      const items = rank(ctx.relationshipNames.map((n) => ({ label: n, kind: 'relationship' as const, insert: n })), prefix);
      return items.length ? { from, to: cursor, items } : null;
    }
    let names: string[];
    if (owner === '$metadata') names = ['$model', '$lastUpdateTime'];
    else if (aliases.relationships.has(owner)) names = [...RELATIONSHIP_SYSTEM, ...(ctx.relationshipProperties ?? [])];
    else {
      const model = aliases.models.get(owner);
      const props = model ? ctx.propertiesByModel.get(model) ?? allProperties(ctx) : allProperties(ctx);
      names = [...TWIN_SYSTEM, ...props];
    }
    const items = rank(names.map((n) => ({ label: n, kind: 'property' as const, insert: propertyInsert(n) })), prefix);
    return items.length ? { from, to: cursor, items } : null;
  }

  // FROM <collection>
  if (is(prev, 'FROM') || is(prev, ',') && solid.slice(0, idx).some((s) => is(s, 'FROM'))) {
    const items = rank(['DIGITALTWINS', 'RELATIONSHIPS'].map((k) => ({ label: k, kind: 'keyword' as const, insert: k })), prefix);
    if (items.length) return { from, to: cursor, items };
  }

  const pool: CompletionItem[] = [
    ...[...aliases.twins, ...aliases.relationships].map((a) => ({ label: a, kind: 'alias' as const, insert: a })),
    ...KEYWORDS.map((k) => ({ label: k, kind: 'keyword' as const, insert: k })),
    ...FUNCTIONS.map((f) => ({ label: f, kind: 'function' as const, insert: `${f}(` })),
  ];
  const items = rank(pool, prefix).filter((i) => i.label !== prefix);
  return items.length ? { from, to: cursor, items } : null;
}

/** Applies a completion item: returns the new text and cursor. */
export function applyCompletion(text: string, c: Completion, item: CompletionItem): { text: string; cursor: number } {
  const next = text.slice(0, c.from) + item.insert + text.slice(c.to);
  return { text: next, cursor: c.from + item.insert.length };
}
