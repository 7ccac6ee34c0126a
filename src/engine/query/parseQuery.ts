/**
 * Hand-written recursive-descent parser of the ADT query language.
 *
 * Why not a parser generator (Chevrotain etc.): the grammar is small (one statement, ~20 rules), the
 * error messages must name ADT's own wording, line and column and say which unsupported feature was used
 * (ORDER BY, OUTER JOIN, subqueries...), and the engine must stay dependency-free and fast to load in a
 * worker. A hand-written parser gives all three in ~600 lines with no runtime dependency. Layers:
 * TokenCursor (tokens, names, failures) < ConditionParser (WHERE) < QueryParser (SELECT, FROM, JOIN, MATCH).
 * @see ../../../../shared/reference/adt-api.md §1.1, §1.4
 */
import type {
  Condition, FromClause, JoinClause, MatchClause, MatchEdge, MatchNode, Pos, Projection, QueryAst, SelectClause,
} from './ast.ts';
import { DEFAULT_LIMITS, hopRange, type QueryLimits } from './limits.ts';
import { posAt, QuerySyntaxError, sqlQueryError } from './SqlQueryError.ts';
import { tokenize } from './tokenize.ts';
import { ok, type Result } from '../types.ts';
import { AGGREGATES, ConditionParser, FUNCTIONS } from './ConditionParser.ts';
import { quoteToken as q } from './TokenCursor.ts';

export { RESERVED_WORDS } from './TokenCursor.ts';

const OUTER_WORDS = new Set(['LEFT', 'RIGHT', 'OUTER', 'INNER', 'FULL', 'CROSS']);

class QueryParser extends ConditionParser {
  // ---- query ----
  query(text: string): QueryAst {
    const first = this.peek();
    if (!this.isKw(first, 'SELECT')) this.fail(first, `missing SELECT at '${q(first)}'`, 'SELECT');
    this.next();
    const select = this.select(first.pos);
    const fromTok = this.peek();
    if (!this.isKw(fromTok, 'FROM')) this.mismatch(fromTok, "FROM or ','");
    this.next();
    const from = this.from(fromTok.pos);
    let where: Condition | undefined;
    if (this.isKw(this.peek(), 'WHERE')) {
      this.next();
      where = this.condition();
    }
    this.tail();
    this.checkSelectAgainstFrom(select, from);
    return where ? { select, from, where, text } : { select, from, text };
  }

  private tail(): void {
    const t = this.peek();
    if (t.kind === 'eof') return;
    const up = t.kind === 'ident' ? t.value.toUpperCase() : '';
    if (up === 'ORDER') this.fail(t, 'ORDER BY is not supported', '<EOF>');
    if (up === 'GROUP') this.fail(t, 'GROUP BY is not supported', '<EOF>');
    if (up === 'HAVING') this.fail(t, 'HAVING is not supported', '<EOF>');
    if (up === 'OFFSET' || up === 'LIMIT') this.fail(t, `${up} is not supported; use TOP(n) and continuation tokens`, '<EOF>');
    if (up === 'UNION') this.fail(t, 'UNION is not supported', '<EOF>');
    if (up === 'JOIN' || OUTER_WORDS.has(up)) this.fail(t, 'JOIN must come before WHERE; OUTER JOIN is not supported', '<EOF>');
    if (up === 'MATCH') this.fail(t, 'MATCH must come right after FROM DIGITALTWINS', '<EOF>');
    this.fail(t, `extraneous input '${q(t)}' expecting <EOF>`, '<EOF>');
  }

  private select(pos: Pos): SelectClause {
    let t = this.peek();
    if (this.isKw(t, 'DISTINCT')) this.fail(t, 'DISTINCT is not supported', 'a projection');
    if (this.isKw(t, 'VALUE') && !this.isPunct(this.peek(1), ',') && !this.isKw(this.peek(1), 'FROM')) {
      this.fail(t, 'SELECT VALUE is not supported', 'a projection');
    }
    let top: number | undefined;
    if (this.isKw(t, 'TOP')) {
      this.next();
      const paren = this.isPunct(this.peek(), '(');
      if (paren) this.next();
      const nTok = this.peek();
      if (nTok.kind !== 'number' || !/^\d+$/.test(nTok.value) || Number(nTok.value) < 1) {
        this.fail(nTok, `TOP expects a positive integer, found '${q(nTok)}'`, 'a positive integer');
      }
      this.next();
      top = Number(nTok.value);
      if (paren) this.expectPunct(')');
      t = this.peek();
      if (this.isKw(t, 'FROM')) return { kind: 'star', top, pos };
    }
    if (this.isPunct(t, '*')) {
      this.next();
      return top === undefined ? { kind: 'star', pos } : { kind: 'star', top, pos };
    }
    if (this.isKw(t, 'COUNT')) {
      if (top !== undefined) this.fail(t, 'TOP cannot be combined with COUNT()', 'a projection');
      this.next();
      this.expectPunct('(');
      const close = this.peek();
      if (!this.isPunct(close, ')')) this.fail(close, `COUNT takes no argument: write COUNT(), found '${q(close)}'`, "')'");
      this.next();
      const after = this.peek();
      if (this.isPunct(after, ',')) this.fail(after, 'COUNT() cannot be combined with other projections', 'FROM');
      return { kind: 'count', pos };
    }
    const items: Projection[] = [];
    for (;;) {
      items.push(this.projection());
      if (!this.isPunct(this.peek(), ',')) break;
      this.next();
    }
    return top === undefined ? { kind: 'list', items, pos } : { kind: 'list', top, items, pos };
  }

  private projection(): Projection {
    const t = this.peek();
    if (t.kind === 'ident' && AGGREGATES.has(t.value.toUpperCase()) && this.isPunct(this.peek(1), '(')) {
      this.fail(t, `aggregate ${t.value.toUpperCase()} is not supported; only COUNT() is`, 'a projection');
    }
    if (this.isKw(t, 'COUNT')) this.fail(t, 'COUNT() cannot be combined with other projections', 'a projection');
    if (t.kind === 'ident' && FUNCTIONS[t.value.toUpperCase()] && this.isPunct(this.peek(1), '(')) {
      this.fail(t, 'functions cannot be projected; project a collection or a property path', 'a projection');
    }
    if (t.kind === 'string' || t.kind === 'number' || this.isPunct(t, '{') || this.isPunct(t, '[')) {
      this.fail(t, 'literals cannot be projected; project a collection or a property path', 'a projection');
    }
    if (this.isPunct(t, '*')) this.fail(t, "'*' cannot be combined with other projections", 'a projection');
    const path = this.path('a projection');
    let as: string | undefined;
    if (this.isKw(this.peek(), 'AS')) {
      this.next();
      as = this.name('a name after AS').value;
    }
    return as === undefined ? { path, pos: t.pos } : { path, as, pos: t.pos };
  }

  // ---- FROM ----
  private from(pos: Pos): FromClause {
    const t = this.peek();
    if (this.isPunct(t, '(')) this.fail(t, 'subqueries are not supported', 'DIGITALTWINS or RELATIONSHIPS');
    const up = t.kind === 'ident' ? t.value.toUpperCase() : '';
    if (up !== 'DIGITALTWINS' && up !== 'RELATIONSHIPS') {
      if (up.startsWith('DEVICES')) this.fail(t, `collection ${t.value} is not supported`, 'DIGITALTWINS or RELATIONSHIPS');
      this.mismatch(t, 'DIGITALTWINS or RELATIONSHIPS');
    }
    this.next();
    const collection = up as FromClause['collection'];
    const from: FromClause = { collection, joins: [], pos };
    if (this.isKw(this.peek(), 'AS')) {
      this.next();
      const a = this.name('an alias');
      from.alias = a.value;
      from.aliasPos = a.pos;
    } else {
      const a = this.peek();
      const aUp = a.kind === 'ident' ? a.value.toUpperCase() : '';
      if (OUTER_WORDS.has(aUp) && (this.isKw(this.peek(1), 'JOIN') || this.isKw(this.peek(1), 'OUTER'))) {
        this.fail(a, `${aUp} JOIN is not supported (only inner JOIN ... RELATED)`, 'JOIN');
      }
      if (this.isNameStart(a) && !['JOIN', 'MATCH', 'WHERE'].includes(aUp)) {
        const n = this.name('an alias');
        from.alias = n.value;
        from.aliasPos = n.pos;
      }
    }
    for (;;) {
      const k = this.peek();
      const kUp = k.kind === 'ident' ? k.value.toUpperCase() : '';
      if (this.isPunct(k, ',')) this.fail(k, 'only one collection may follow FROM; use JOIN ... RELATED or MATCH', 'JOIN, MATCH, WHERE or <EOF>');
      if (OUTER_WORDS.has(kUp)) this.fail(k, `${kUp} JOIN is not supported (only inner JOIN ... RELATED)`, 'JOIN, MATCH, WHERE or <EOF>');
      if (kUp === 'JOIN') {
        if (collection === 'RELATIONSHIPS') this.fail(k, 'JOIN cannot be used with FROM RELATIONSHIPS', 'WHERE or <EOF>');
        if (from.match) this.fail(k, 'JOIN cannot be combined with MATCH', 'WHERE or <EOF>');
        if (from.joins.length >= this.limits.maxJoins) {
          this.fail(k, `too many JOINs: at most ${this.limits.maxJoins} are allowed`, 'WHERE or <EOF>');
        }
        from.joins.push(this.join());
        continue;
      }
      if (kUp === 'MATCH') {
        if (collection === 'RELATIONSHIPS') this.fail(k, 'MATCH cannot be used with FROM RELATIONSHIPS', 'WHERE or <EOF>');
        if (from.match) this.fail(k, 'only one MATCH clause is allowed per query', 'WHERE or <EOF>');
        if (from.joins.length) this.fail(k, 'MATCH cannot be combined with JOIN', 'WHERE or <EOF>');
        if (from.alias !== undefined) this.fail(k, 'MATCH names its twins inside the pattern: write FROM DIGITALTWINS MATCH (a)-[]->(b)', 'WHERE or <EOF>');
        from.match = this.match();
        continue;
      }
      break;
    }
    return from;
  }

  private join(): JoinClause {
    const kw = this.next();
    const alias = this.name('an alias after JOIN').value;
    this.expectKw('RELATED');
    const src = this.name('an alias after RELATED').value;
    const dot = this.peek();
    if (!this.isPunct(dot, '.')) this.fail(dot, `expected '.' and a relationship name after ${src}`, "'.'");
    this.next();
    const rel = this.name('a relationship name').value;
    if (this.isPunct(this.peek(), '.')) this.fail(this.peek(), 'a JOIN follows one relationship name: write RELATED alias.relationshipName', 'an alias, JOIN, WHERE or <EOF>');
    const join: JoinClause = { alias, from: src, relationshipName: rel, pos: kw.pos };
    if (this.isKw(this.peek(), 'AS')) {
      this.next();
      join.relationshipAlias = this.name('a relationship alias').value;
    } else {
      const a = this.peek();
      const aUp = a.kind === 'ident' ? a.value.toUpperCase() : '';
      if (this.isNameStart(a) && !['JOIN', 'MATCH', 'WHERE'].includes(aUp) && !OUTER_WORDS.has(aUp)) {
        join.relationshipAlias = this.name('a relationship alias').value;
      }
    }
    return join;
  }

  private match(): MatchClause {
    const kw = this.next();
    const nodes: MatchNode[] = [this.matchNode()];
    const edges: MatchEdge[] = [];
    let hops = 0;
    while (this.isPunct(this.peek(), '-') || this.isPunct(this.peek(), '<')) {
      const edge = this.matchEdge();
      hops += edge.maxHops;
      if (hops > this.limits.maxHops) {
        throw new QuerySyntaxError(edge.pos, `too many hops: a MATCH may traverse at most ${this.limits.maxHops} hops`, `at most ${this.limits.maxHops} hops`);
      }
      edges.push(edge);
      nodes.push(this.matchNode());
    }
    return { nodes, edges, pos: kw.pos };
  }

  private matchNode(): MatchNode {
    const open = this.expectPunct('(');
    if (this.isPunct(this.peek(), ')')) {
      this.next();
      return { pos: open.pos };
    }
    const alias = this.name('a twin alias').value;
    const close = this.peek();
    if (this.isPunct(close, ':')) this.fail(close, 'node labels are not supported; filter with IS_OF_MODEL in WHERE', "')'");
    this.expectPunct(')');
    return { alias, pos: open.pos };
  }

  private matchEdge(): MatchEdge {
    const start = this.peek();
    let direction: MatchEdge['direction'] = 'any';
    if (this.isPunct(start, '<')) {
      this.next();
      direction = 'in';
    }
    this.expectPunct('-');
    this.expectPunct('[');
    let variable: string | undefined;
    const names: string[] = [];
    let hasHops = false;
    let min = 1;
    let max = 1;
    if (this.isNameStart(this.peek())) variable = this.name('a relationship variable').value;
    if (this.isPunct(this.peek(), ':')) {
      this.next();
      names.push(this.name('a relationship name').value);
      while (this.isPunct(this.peek(), '|')) {
        this.next();
        names.push(this.name('a relationship name').value);
      }
    }
    const star = this.peek();
    if (this.isPunct(star, '*')) {
      if (variable !== undefined) this.fail(star, 'a relationship variable cannot be used with multiple hops', "']'");
      this.next();
      hasHops = true;
      let lower: number | undefined;
      if (this.peek().kind === 'number') lower = this.hopInt();
      if (this.isPunct(this.peek(), '..')) {
        this.next();
        const upperTok = this.peek();
        if (upperTok.kind !== 'number') this.fail(upperTok, 'a hop range needs an upper bound: *m..n or *..n', 'an integer');
        const upper = this.hopInt();
        const r = hopRange(lower, upper);
        min = r.min;
        max = r.max;
        if (min > max) this.fail(upperTok, `empty hop range: *${lower ?? ''}..${upper} matches no hop count`, 'an upper bound above the lower bound');
      } else {
        if (lower === undefined) this.fail(this.peek(), 'a hop count needs a number: *n, *m..n or *..n', 'an integer');
        if (lower === 0) this.fail(star, 'a hop count must be at least 1', 'an integer ≥ 1');
        min = max = lower;
      }
    }
    this.expectPunct(']');
    this.expectPunct('-');
    if (this.isPunct(this.peek(), '>')) {
      if (direction === 'in') this.fail(this.peek(), "a relationship cannot point both ways: use '-[...]-' for either direction", "'('");
      this.next();
      direction = 'out';
    }
    const edge: MatchEdge = { direction, names, minHops: min, maxHops: max, hasHops, pos: start.pos };
    if (variable !== undefined) edge.variable = variable;
    return edge;
  }

  private hopInt(): number {
    const t = this.next();
    if (!/^\d+$/.test(t.value)) this.fail(t, 'hop counts are integers', 'an integer');
    return Number(t.value);
  }

  private checkSelectAgainstFrom(select: SelectClause, from: FromClause): void {
    const complex = from.joins.length > 0 || from.match !== undefined;
    if (complex && select.kind === 'star') {
      const what = from.match ? 'MATCH' : 'JOIN';
      const reason = select.top !== undefined
        ? `SELECT TOP(n) without projections cannot be used with ${what}: project the collections, e.g. SELECT TOP(n) A, B`
        : `SELECT * cannot be used with ${what}: project the collections, e.g. SELECT A, B`;
      throw new QuerySyntaxError(select.pos, reason, 'a projection list');
    }
  }
}

export interface ParseOptions {
  limits?: Partial<QueryLimits>;
}

/** Parses a query into its AST, or a SqlQueryError naming line, column and what was expected. */
export function parseQuery(text: string, opts: ParseOptions = {}): Result<QueryAst> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  try {
    if (typeof text !== 'string') throw new QuerySyntaxError(posAt('', 0), 'the query must be a string');
    if (text.length > limits.maxQueryLength) {
      throw new QuerySyntaxError(posAt(text, limits.maxQueryLength), `query is too long: ${text.length} characters, at most ${limits.maxQueryLength} are allowed`);
    }
    const parser = new QueryParser(tokenize(text), limits);
    return ok(parser.query(text));
  } catch (e) {
    if (e instanceof QuerySyntaxError) return sqlQueryError(e);
    throw e;
  }
}
