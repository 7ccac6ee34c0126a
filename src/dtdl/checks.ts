/**
 * Model-wide rules, run once every document (and resolved dependency) is parsed: reference types and partitions,
 * inheritance (cycles, depth, imported name collisions), descendant controls (schema depth, recursion, excluded
 * types), supplemental-type constraints and units.
 */
import { META, limit, type DescendantControl, type SupplementalProp, type VersionKey } from './metamodel.ts';
import { makeError, type ErrorFields } from './errors.ts';
import { classFromDtmi, concreteSubclasses, isA, suppChain, suppIsA, suppProps } from './classes.ts';
import type { El } from './element.ts';
import type { ActiveContext } from './context.ts';
import type { ModelParser } from './parser.ts';
import { canonicalId, standardElements } from './standard.ts';

export interface Node {
  id: string;
  cls: string;
  el?: El;
}

export class ModelChecker {
  constructor(private readonly p: ModelParser) {}

  /** Nodes of standard elements, made once per check. */
  private readonly stdNodes = new Map<string, Node>();

  /** Effective contents (own + inherited) of an Interface: name -> content id (kept on the element record). */
  contentsOf(id: string): Map<string, string> | undefined {
    const el = this.p.els.get(id);
    return el && el.cls === 'Interface' && el.inh === 2 ? this.effOf(el) : undefined;
  }

  /** Transitive parents of an Interface (not including itself), computed on first request and kept on the record. */
  ancestorsOf(id: string): string[] | undefined {
    const el = this.p.els.get(id);
    return el && el.cls === 'Interface' ? this.ancestors(el) : undefined;
  }

  private ancestors(el: El): string[] {
    if (el.anc) return el.anc;
    const anc: string[] = [];
    el.anc = anc; // (a cycle was reported by checkInheritance: the partial list ends it)
    const parents = el.objs.extends;
    if (parents) {
      for (let pi = 0; pi < parents.length; pi++) {
        const parent = this.p.els.get(parents[pi]);
        if (!parent || parent.cls !== 'Interface' || parent === el) continue;
        if (!anc.includes(parent.id)) anc.push(parent.id);
        const pa = this.ancestors(parent);
        for (let k = 0; k < pa.length; k++) if (!anc.includes(pa[k])) anc.push(pa[k]);
      }
    }
    return anc;
  }

  private err(code: string, el: El | undefined, f: ErrorFields): void {
    this.p.errors.push(makeError(code, { where: el ? { doc: el.doc, path: el.path } : undefined, ...f }));
  }

  node(id: string): Node | undefined {
    const el = this.p.els.get(id);
    if (el) return el;
    let n = this.stdNodes.get(id);
    if (n) return n;
    const s = standardElements().get(id);
    if (!s) return undefined;
    n = { id: canonicalId(id), cls: s.cls };
    this.stdNodes.set(id, n);
    return n;
  }

  run(): void {
    this.checkRefs();
    this.checkInheritance();
    this.checkDescendants();
    this.checkSupplemental();
  }

  private checkRefs(): void {
    for (const r of this.p.refs) {
      if (r.supplemental) continue;
      const n = r.el ?? this.node(r.target);
      if (!n) continue; // unresolved: reported by the resolution step
      const from = r.from;
      if (r.cls) {
        const allowed = concreteSubclasses(r.cls, from.version);
        const ok = allowed.includes(n.cls) || (!n.el && isA(n.cls, r.cls));
        if (!ok) {
          this.err('badType', from, { primaryId: from.id, secondaryId: r.target, property: r.prop, type: allowed.join(', '), where: { doc: from.doc, path: r.path } });
          continue;
        }
      }
      if (n.el) {
        if (r.versions && !r.versions.includes(n.el.version)) {
          this.err('disallowedVersionReference', from, { primaryId: from.id, secondaryId: r.target, property: r.prop, value: String(n.el.version), restriction: r.versions.join(', ') });
          continue;
        }
        const isRoot = n.el.partition === n.el.id && (!n.el.parent || n.el.facts.def.partition);
        if (!isRoot && n.el.partition !== from.partition) {
          this.err('crossPartitionReference', from, { primaryId: from.id, secondaryId: r.target, property: r.prop, value: n.el.partition, restriction: from.partition });
        }
      }
    }
  }

  /**
   * Effective contents (own + inherited) of an Interface, name -> content id, in the order of the reference: own
   * contents, then each parent's effective contents. Built on first request when checkInheritance left it lazy (one
   * parent, no collision), then kept on the record.
   */
  effOf(el: El): Map<string, string> {
    if (el.eff) return el.eff;
    const parent = el.effParent;
    if (!parent) return (el.eff = NO_CONTENTS);
    const inherited = this.effOf(parent);
    const own = el.effOwn;
    if (!own) return (el.eff = inherited); // shares the parent's map, as the eager merge does
    for (const name of inherited.keys()) if (!own.has(name)) own.set(name, inherited.get(name)!);
    return (el.eff = own);
  }

  /** The content named `name` in the effective contents of `el`, without building them. */
  private effLookup(el: El, name: string): string | undefined {
    if (el.eff) return el.eff.get(name);
    const own = el.effOwn?.get(name);
    if (own !== undefined) return own;
    return el.effParent ? this.effLookup(el.effParent, name) : undefined;
  }

  /** extends: cycles, depth, effective contents and imported-name collisions. */
  private checkInheritance(): void {
    // per-element state on the record itself (no maps): inh 1 visiting, 2 done; depth; effective contents
    const els = this.p.els;
    // A parent Interface of `el`, visited (done) first; undefined when it is not one, or is on the path (a cycle).
    const enterParent = (el: El, parent: El | undefined): El | undefined => {
      if (!parent || parent.cls !== 'Interface') return undefined;
      if (parent === el || parent.inh === 1) {
        this.err('recursiveStructureNarrow', el, { primaryId: el.id, property: "'extends'" });
        return undefined;
      }
      visit(parent);
      return parent;
    };
    // the limits in force, for the context of the last Interface visited (documents mostly share one context)
    let limitsOf: ActiveContext | undefined;
    let maxDepth: number | undefined;
    let maxAncestors: number | undefined;
    let maxContents: number | undefined;
    const setLimits = (el: El): void => {
      const ctl = extendsControl(el.version);
      maxDepth = limit(ctl?.maxDepth, el.ctx.limitSpec);
      maxAncestors = limit(ctl?.maxCount as Record<string, number> | undefined, el.ctx.limitSpec);
      maxContents = META.classes.Interface.properties.contents[VK[el.version]]?.maxCount;
      limitsOf = el.ctx;
    };
    const visit = (el: El): void => {
      if (el.inh !== 0) return;
      el.inh = 1;
      let own: Map<string, string> | undefined;
      const contents = el.objs.contents;
      if (contents !== undefined) {
        for (let i = 0; i < contents.length; i++) {
          const cid = contents[i];
          const name = els.get(cid)?.lits.name;
          if (typeof name !== 'string') continue;
          own ??= new Map();
          if (!own.has(name)) own.set(name, cid);
        }
      }
      // an upper bound of the number of ancestors; the list itself is built only when the bound exceeds the limit
      let ancBound = 0;
      let depth = 0;
      const parents = el.objs.extends;
      let candidates = 0;
      let first: El | undefined;
      if (parents !== undefined) {
        for (let pi = 0; pi < parents.length; pi++) {
          const p = els.get(parents[pi]);
          if (p?.cls !== 'Interface') continue;
          candidates++;
          first ??= p;
        }
      }
      if (candidates <= 1) {
        // at most one parent (the common case): the merge is the last step, so it can be left lazy when nothing collides
        let only: El | undefined;
        const parent = enterParent(el, first);
        if (parent) {
          depth = 1 + parent.depth;
          ancBound = Math.min(1 + parent.ancBound, 1e9);
          if (parent.effSize > 0) only = parent;
        }
        if (!only) {
          el.eff = own ?? NO_CONTENTS;
          el.effSize = own?.size ?? 0;
        } else if (!own) {
          el.effParent = only;
          el.effSize = only.effSize;
        } else {
          let collides = false;
          let same = 0;
          for (const name of own.keys()) {
            const inherited = this.effLookup(only, name);
            if (inherited === undefined) continue;
            if (inherited !== own.get(name)) collides = true;
            else same++;
          }
          if (collides) {
            el.eff = own;
            this.mergeInherited(el, own, this.effOf(only));
            el.effSize = own.size;
          } else {
            el.effOwn = own;
            el.effParent = only;
            el.effSize = own.size + only.effSize - same;
          }
        }
      } else {
        let eff: Map<string, string> = own ?? NO_CONTENTS;
        let shared = !own; // eff is not ours (empty or a parent's map): copy before writing
        for (let pi = 0; pi < parents!.length; pi++) {
          const parent = enterParent(el, els.get(parents![pi]));
          if (!parent) continue;
          if (1 + parent.depth > depth) depth = 1 + parent.depth;
          ancBound = Math.min(ancBound + 1 + parent.ancBound, 1e9);
          if (parent.effSize === 0) continue;
          const inherited = this.effOf(parent);
          if (eff.size === 0) {
            // nothing of its own yet: share the parent's effective contents
            eff = inherited;
            shared = true;
            continue;
          }
          if (shared) {
            eff = new Map(eff);
            shared = false;
          }
          this.mergeInherited(el, eff, inherited);
        }
        el.eff = eff;
        el.effSize = eff.size;
      }
      el.depth = depth;
      el.ancBound = ancBound;
      el.inh = 2;
      if (el.ctx !== limitsOf) setLimits(el);
      const max = maxDepth;
      if (max !== undefined && depth > max) {
        this.err('excessiveDepthNarrow', el, { primaryId: el.id, secondaryId: this.ancestorAtLevel(el, max + 1), property: "'extends'", count1: max + 1, count2: max });
      }
      const amax = maxAncestors;
      if (amax !== undefined && ancBound > amax && this.ancestors(el).length > amax) this.err('excessiveCount', el, { primaryId: el.id, property: 'extends', count1: this.ancestors(el).length, count2: amax });
      const cmax = maxContents;
      if (cmax !== undefined && el.effSize > cmax) this.err('excessiveCount', el, { primaryId: el.id, property: 'contents', count1: el.effSize, count2: cmax });
    };
    const list = this.p.list;
    for (let i = 0; i < list.length; i++) if (list[i].cls === 'Interface') visit(list[i]);
  }

  /** The Interface `level` steps up the deepest extends chain of `el` (the first one beyond a depth limit). */
  private ancestorAtLevel(el: El, level: number): string | undefined {
    let cur = el;
    for (let l = 0; l < level; l++) {
      let next: El | undefined;
      for (const pid of cur.objs.extends ?? []) {
        const p = this.p.els.get(pid);
        if (p && p.cls === 'Interface' && p.inh === 2 && p.depth === cur.depth - 1) {
          next = p;
          break;
        }
      }
      if (!next) return undefined;
      cur = next;
    }
    return cur.id;
  }

  /** Adds a parent's effective contents to `eff` (written in place); a name bound to another content collides. */
  private mergeInherited(el: El, eff: Map<string, string>, inherited: Map<string, string>): void {
    for (const name of inherited.keys()) {
      const cid = inherited.get(name)!;
      const existing = eff.get(name);
      if (existing === undefined) eff.set(name, cid);
      else if (existing !== cid) this.err('nonUniqueImportedPropertyValue', el, { primaryId: el.id, secondaryId: cid, property: 'contents', value: name, auxProperty: 'name', transformation: 'extends' });
    }
  }

  /** Children of a node along object properties (contents of an Interface include inherited ones). */
  private children(n: Node, prop?: string): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    if (n.el) {
      for (const [p, ids] of Object.entries(n.el.objs)) {
        if (prop && p !== prop) continue;
        if (p === 'contents' && n.cls === 'Interface') continue;
        for (const id of ids) out.push([p, id]);
      }
      if (n.cls === 'Interface' && (!prop || prop === 'contents')) for (const id of n.el.inh === 2 ? this.effOf(n.el).values() : []) out.push(['contents', id]);
      return out;
    }
    const s = standardElements().get(n.id);
    if (!s) return out;
    // standard complex schemas (geospatial, scaledDecimal): inline Fields/MapValues are collapsed into their schema
    const scan = (json: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(json)) {
        if (k !== 'elementSchema' && k !== 'schema' && k !== 'mapValue' && k !== 'fields' && k !== 'mapKey' && k !== 'enumValues') continue;
        for (const item of ([] as unknown[]).concat(v)) {
          if (typeof item === 'string' && item.startsWith('dtmi:')) out.push([k, item]);
          else if (item && typeof item === 'object') scan(item as Record<string, unknown>);
        }
      }
    };
    scan(s.json);
    if (prop) return out.filter(([k]) => k === prop);
    return out;
  }

  private checkDescendants(): void {
    for (const el of this.p.list) {
      const list = (el.facts.controls[el.version] ??= applicableControls(el.version, el.cls));
      for (let ci = 0; ci < list.length; ci++) {
        const c = list[ci];
        if (c.datatypeProperty) {
          this.checkDatatype(el, c);
          continue;
        }
        const max = limit(c.maxDepth, el.ctx.limitSpec);
        if (max === undefined && !c.excludeType && c.allowSelf && c.maxCount === undefined) continue;
        if (c.rootClass === 'Interface' && max === undefined && !c.excludeType && this.p.list.length <= (limit(c.maxCount as Record<string, number> | undefined, el.ctx.limitSpec) ?? Infinity)) {
          // Fast path: the whole model is below the count limit, so only a path back to the Interface matters,
          // and only Components lead from an Interface's contents to another Interface.
          this.componentCycle(el);
          if (!c.allowSelf) this.schemaCycles(c);
          continue;
        }
        this.walk(el, c, max);
      }
    }
  }

  private walks = 0;

  private childCache = new Map<string, Array<[string, string]>>();

  private cachedChildren(n: Node): Array<[string, string]> {
    let c = this.childCache.get(n.id);
    if (!c) {
      c = this.children(n);
      this.childCache.set(n.id, c);
    }
    return c;
  }

  /**
   * Walks the descendants of `root` along object properties (narrow controls: only the listed ones) and enforces
   * the control: no path back to the root, no excluded type, depth (counted on the listed properties) and count.
   */
  private walk(root: El, c: DescendantControl, max: number | undefined): void {
    const maxCount = limit(c.maxCount as Record<string, number> | undefined, root.ctx.limitSpec);
    // A walk that only looks for an excluded type (no depth or count limit), from a root of that type, reports
    // nothing exactly when no element of that type is reachable from the root's children (the root among them):
    // which does not depend on the root. So a clean walk from the same children (e.g. Components of one schema)
    // need not be repeated.
    let cleanKey: string | undefined;
    if (c.excludeType !== undefined && c.narrow && max === undefined && maxCount === undefined && root.cls !== 'Interface' && isA(root.cls, c.excludeType)) {
      cleanKey = '';
      for (const p in root.objs) if (c.properties.includes(p)) cleanKey += `${p}\n${root.objs[p].join('\n')}\n`;
      let clean = this.cleanWalks.get(c);
      if (!clean) this.cleanWalks.set(c, (clean = new Set()));
      if (clean.has(cleanKey)) return;
    }
    const w: Walk = {
      root,
      c,
      max,
      maxCount,
      stamp: ++this.walks,
      best: undefined,
      count: 0,
      reported: false,
    };
    this.walkFrom(w, root, 0);
    if (cleanKey !== undefined && !w.reported) this.cleanWalks.get(c)!.add(cleanKey);
  }

  /** Per control: the children of roots whose excluded-type walk found nothing (see walk). */
  private readonly cleanWalks = new Map<DescendantControl, Set<string>>();

  /** Children of `n` along object properties, in order (an Interface's contents include inherited ones). */
  private walkFrom(w: Walk, n: Node, depth: number): void {
    const el = n.el;
    if (el) {
      const iface = n.cls === 'Interface';
      for (const p in el.objs) {
        if (p === 'contents' && iface) continue;
        const ids = el.objs[p];
        for (let i = 0; i < ids.length; i++) {
          if (w.reported) return;
          if (this.walkStep(w, n, depth, p, ids[i])) return;
        }
      }
      if (iface && el.inh === 2) {
        for (const id of this.effOf(el).values()) {
          if (w.reported) return;
          if (this.walkStep(w, n, depth, 'contents', id)) return;
        }
      }
      return;
    }
    for (const [prop, cid] of this.cachedChildren(n)) {
      if (w.reported) return;
      if (this.walkStep(w, n, depth, prop, cid)) return;
    }
  }

  /** One child `cid` of `n` on a walk; true when the walk must leave `n`. */
  private walkStep(w: Walk, n: Node, depth: number, prop: string, cid: string): boolean {
    const { root, c, max } = w;
    const listed = c.properties.includes(prop);
    if (c.narrow && !listed) return false;
    const d = depth + (listed ? 1 : 0);
    if (cid === root.id) {
      if (c.excludeType && isA(root.cls, c.excludeType)) {
        this.err('excludedType', root, { primaryId: root.id, secondaryId: root.id, property: quoted(c.properties), type: c.rootClass, restriction: c.excludeType });
        w.reported = true;
      } else if (!c.allowSelf) {
        // narrow (extends/Component paths): the root is reported; wide (schemas): the element pointing back
        // the reference names the root, except for an Object whose Field points back to it
        if (c.narrow) this.err('recursiveStructureNarrow', root, { primaryId: root.id, property: quoted(c.properties) });
        // the reference names the root, or the root's own Field when that Field closes the loop
        else this.err('recursiveStructureWide', root, { primaryId: n.cls === 'Field' && n.el?.parent === root ? n.id : root.id });
        w.reported = true;
      }
      return false;
    }
    const child = this.node(cid);
    if (!child) return false;
    if (c.excludeType && isA(child.cls, c.excludeType)) {
      this.err('excludedType', root, { primaryId: root.id, secondaryId: child.id, property: quoted(c.properties), type: c.rootClass, restriction: c.excludeType });
      w.reported = true;
      return true;
    }
    if (max !== undefined && d > max) {
      this.err(c.narrow ? 'excessiveDepthNarrow' : 'excessiveDepthWide', root, { primaryId: root.id, secondaryId: n.id, ...(c.narrow ? { property: quoted(c.properties) } : {}), count1: d, count2: max });
      w.reported = true;
      return true;
    }
    // best depth seen per node: on the element record (stamped with this walk), in a map for standard elements
    const cel = child.el;
    const seen = cel ? (cel.walk === w.stamp ? cel.best : undefined) : w.best?.get(cid);
    if (seen !== undefined && (max === undefined || seen >= d)) return false;
    if (seen === undefined) w.count++;
    if (cel) {
      cel.walk = w.stamp;
      cel.best = d;
    } else (w.best ??= new Map()).set(cid, d);
    if (w.maxCount !== undefined && w.count > w.maxCount) {
      this.err('excessiveCount', root, { primaryId: root.id, property: c.properties[0], count1: w.count, count2: w.maxCount });
      w.reported = true;
      return true;
    }
    this.walkFrom(w, child, d);
    return false;
  }

  private compGraph?: Map<string, string[]>;

  /** Interface -> Interfaces it reaches in one step: its own Components' schemas and its direct parents. */
  private componentGraph(): Map<string, string[]> {
    if (this.compGraph) return this.compGraph;
    const g = new Map<string, string[]>();
    for (const el of this.p.list) {
      if (el.cls !== 'Interface') continue;
      const out: string[] = [];
      for (const cid of el.objs.contents ?? []) {
        const c = this.p.els.get(cid);
        if (c?.cls === 'Component' && c.objs.schema?.[0]) out.push(c.objs.schema[0]);
      }
      for (const pid of el.objs.extends ?? []) out.push(pid);
      g.set(el.id, out);
    }
    this.compGraph = g;
    return g;
  }

  private schemaCyclesDone = false;

  /**
   * Cycles among the elements reachable from Interfaces along the control's properties (e.g. an Object whose Field
   * holds an Array of that Object): each cycle entry that is not an Interface is reported once (Interfaces are
   * handled by componentCycle). One depth-first search over the whole model.
   */
  private schemaCycles(c: DescendantControl): void {
    if (this.schemaCyclesDone) return;
    this.schemaCyclesDone = true;
    // Inline definitions form a tree (each element has one parent) and the search does not enter Interfaces, so a
    // cycle needs a link to an element defined elsewhere: a reference to an element that is not an Interface, or a
    // tolerated duplicate. Without one there is nothing to search (the usual case: a whole traversal saved).
    if (!this.p.sharedDefinitions && !this.p.refs.some((r) => r.el !== undefined && r.el.cls !== 'Interface')) return;
    const props = c.properties;
    // colour on the element record: 1 on stack, 2 done, 3 done and reported
    const visit = (el: El): void => {
      el.color = 1;
      // own contents suffice: inherited contents are reached from the Interface that declares them
      for (const p in el.objs) {
        if (!props.includes(p)) continue;
        const ids = el.objs[p];
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i];
          const child = this.p.els.get(id);
          if (!child) continue;
          const st = child.color;
          if (st === 1) {
            if (child.cls !== 'Interface' && !child.cycleReported) {
              child.cycleReported = true;
              this.err('recursiveStructureNarrow', child, { primaryId: id, property: quoted(c.properties) });
            }
            continue;
          }
          if (st === 2 || child.cls === 'Interface') continue;
          visit(child);
        }
      }
      el.color = 2;
    };
    for (const el of this.p.list) if (el.cls === 'Interface' && el.version === c.dtdlVersion && el.color === 0) visit(el);
  }

  private cyclic?: Set<string>;

  /** Whether the component/extends graph has any cycle (a depth-first search without building the graph). */
  private hasInterfaceCycle(): boolean {
    const els = this.p.els;
    let found = false;
    const edge = (to: string | undefined): void => {
      if (to === undefined) return;
      const t = els.get(to);
      if (!t || t.cls !== 'Interface') return;
      if (t.gcolor === 1) found = true;
      else if (t.gcolor === 0) visit(t);
    };
    const visit = (el: El): void => {
      el.gcolor = 1;
      const contents = el.objs.contents;
      if (contents) {
        for (let i = 0; i < contents.length && !found; i++) {
          const c = els.get(contents[i]);
          if (c?.cls === 'Component') edge(c.objs.schema?.[0]);
        }
      }
      const parents = el.objs.extends;
      if (parents) for (let i = 0; i < parents.length && !found; i++) edge(parents[i]);
      el.gcolor = 2;
    };
    const list = this.p.list;
    for (let i = 0; i < list.length && !found; i++) if (list[i].cls === 'Interface' && list[i].gcolor === 0) visit(list[i]);
    return found;
  }

  /** Interfaces on a cycle of the component/extends graph (Tarjan's SCC); only those can reach themselves. */
  private cyclicInterfaces(): Set<string> {
    if (this.cyclic) return this.cyclic;
    if (!this.hasInterfaceCycle()) return (this.cyclic = new Set());
    const g = this.componentGraph();
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const out = new Set<string>();
    let next = 0;
    const strong = (v: string): void => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of g.get(v) ?? []) {
        if (!g.has(w)) continue;
        if (!index.has(w)) {
          strong(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || (g.get(v) ?? []).includes(v)) for (const c of comp) out.add(c);
      }
    };
    for (const v of g.keys()) if (!index.has(v)) strong(v);
    this.cyclic = out;
    return out;
  }

  /** A path from an Interface back to itself through Components (directly or via inherited contents). */
  private componentCycle(root: El): void {
    if (!this.cyclicInterfaces().has(root.id)) return;
    const g = this.componentGraph();
    const seen = new Set<string>();
    const stack: Array<[string, boolean]> = [[root.id, false]];
    while (stack.length) {
      const [id, viaComponent] = stack.pop()!;
      const el = this.p.els.get(id);
      const next = g.get(id) ?? [];
      const parents = new Set(el?.objs.extends ?? []);
      for (const t of next) {
        const via = viaComponent || !parents.has(t);
        if (t === root.id) {
          if (via) {
            this.err('recursiveStructureNarrow', root, { primaryId: root.id, property: "'contents' or 'fields' or 'enumValues' or 'request' or 'response' or 'properties' or 'schema' or 'elementSchema' or 'mapValue'" });
            return;
          }
          continue;
        }
        const key = `${t}|${via ? 1 : 0}`;
        if (seen.has(key)) continue;
        seen.add(key);
        stack.push([t, via]);
      }
    }
  }

  private checkDatatype(el: El, c: DescendantControl): void {
    const vs = el.objs[c.datatypeProperty!]?.[0];
    if (!vs) return;
    const s = this.node(vs);
    if (!s) return;
    const want = s.cls; // Integer | String
    for (const cid of el.objs.enumValues ?? []) {
      const ev = this.p.els.get(cid);
      if (!ev) continue;
      const v = ev.lits.enumValue;
      if (v === undefined) continue;
      const ok = want === 'Integer' ? typeof v === 'number' : want === 'String' ? typeof v === 'string' : true;
      if (!ok) this.err('nonConformantDatatype', ev, { primaryId: ev.id, secondaryId: el.id, property: 'enumValue', value: v, type: want.toLowerCase() });
    }
  }

  /** Supplemental-type constraints (required schema types, units, sibling references). */
  private checkSupplemental(): void {
    let hasSiblingRules = false;
    for (const el of this.p.list) {
      if (!el.supp.length) continue;
      for (const s of el.supp) {
        for (const sd of suppChain(s)) {
          if (sd.siblings?.length) hasSiblingRules = true;
          if (!sd.constraints) continue;
          for (const c of sd.constraints) {
            if (!c.property || c.siblingKey) continue;
            if (c.inverse) this.checkInverseConstraint(el, s, c);
            else this.checkConstraint(el, c);
          }
        }
        this.checkUnit(el, s);
      }
      this.checkUniqueValues(el);
      if (el.deferred) for (const [prop, v, instanceProp] of el.deferred) {
        // a numeric supplemental value must be an instance of the element's schema (e.g. an integer `maximum`)
        const schema = el.objs[instanceProp]?.[0];
        const n = schema ? this.node(schema) : undefined;
        if (n && INTEGRAL.has(n.cls) && !Number.isInteger(v)) {
          this.err('nonConformantPropertyValue', el, { primaryId: el.id, property: prop, value: v, restriction: instanceProp, count1: 1, item1: 'violation', firstViolation: `${v} is not an integer, as its ${n.cls.toLowerCase()} schema requires` });
        }
      }
    }
    // sibling references are resolved against each Interface's contents, inherited ones included
    if (!hasSiblingRules) return;
    for (const iface of this.p.list) {
      if (iface.cls !== 'Interface') continue;
      if (iface.inh !== 2) continue;
      const eff = this.effOf(iface);
      const refs = new Map<string, string>();
      for (const cid of eff.values()) {
        const c = this.p.els.get(cid);
        if (!c || !c.supp.length) continue;
        for (const s of c.supp) this.checkSiblings(iface, eff, c, s, refs);
      }
    }
  }

  /** Siblings named by a supplemental property (annotation `annotates`, override `overrides`). */
  private checkSiblings(iface: El, eff: Map<string, string>, el: El, s: string, refs: Map<string, string>): void {
    for (const sd of suppChain(s)) {
      for (const rule of sd.siblings ?? []) {
        const keyProp = suppPropName(el.supp, rule.keyref as string);
        if (!keyProp) continue;
        const ref = el.suppVals[keyProp];
        if (typeof ref !== 'string') continue;
        const sibId = eff.get(ref);
        const sib = sibId ? this.p.els.get(sibId) : undefined;
        if (!sib) continue;
        const f = { primaryId: el.id, secondaryId: sib.id, property: keyProp, value: ref, auxProperty: 'name' };
        if (rule.requiredTypes && !(rule.requiredTypes as string[]).some((t) => classFromDtmi(t)?.name === sib.cls)) {
          this.err('notSiblingRequiredType', el, { ...f, type: rule.requiredTypesString as string, restriction: rule.requiredTypesString as string });
        }
        if (rule.disallowedType && sib.supp.some((x) => suppIsA(x, rule.disallowedType as string))) {
          this.err('disallowedType', el, { ...f, type: rule.disallowedTypeName as string });
        }
        if (rule.supplementalProperty) {
          const ovProp = suppPropName(el.supp, rule.supplementalProperty as string);
          const overridden = ovProp ? el.suppVals[ovProp] : undefined;
          if (typeof overridden !== 'string') continue;
          if (rule.uniqueReference) {
            const key = `${ref}\u0000${overridden}`;
            const prev = refs.get(key);
            if (prev && prev !== el.id) {
              this.err('multipleReference', iface, {
                primaryId: iface.id,
                secondaryId: rule.uniqueReference as string,
                property: 'contents',
                auxProperty: `'${keyProp}' and '${ovProp}'`,
                value: `'${ref}' and '${overridden}'`,
              });
              continue;
            }
            refs.set(key, el.id);
          }
          // the overridden property must be a supplemental property of the sibling
          let match: { type: string; p: SupplementalProp } | undefined;
          for (const st of sib.supp) for (const [, p] of suppProps(st)) if (!match && p.propertyName === overridden) match = { type: st, p };
          if (!match) {
            const core = META.classes[sib.cls]?.properties[overridden];
            this.err(core ? 'matchingPropertyNotSupplemental' : 'noMatchingSupplementalProperty', el, { ...f, restriction: overridden, type: sib.cls, transformation: ovProp });
            continue;
          }
          // the override's schema must be the overridden property's value type (e.g. the unit type's Enum)
          const want = match.p.childOf ?? match.p.type;
          const schema = el.objs.schema?.[0];
          if (want && schema && canonicalId(schema) !== want && schema !== want) {
            this.err('siblingPropertyMismatch', el, { primaryId: el.id, property: 'schema', value: schemaTerm(el, schema), restriction: want });
          }
        }
      }
    }
  }

  /** Supplemental properties whose values must be unique among sibling contents (e.g. MQTT `index`). */
  private checkUniqueValues(el: El): void {
    for (const s of el.supp) {
      for (const [, p] of suppProps(s)) {
        if (!p.uniqueValue || el.suppVals[p.propertyName] === undefined || !el.parent) continue;
        const v = el.suppVals[p.propertyName];
        const parent = el.parent;
        for (const [prop, ids] of Object.entries(parent.objs)) {
          if (!ids.includes(el.id)) continue;
          const first = ids.map((id) => this.p.els.get(id)).find((o) => o && o.suppVals[p.propertyName] === v && o.supp.some((x) => suppProps(x).some(([, q]) => q.propertyName === p.propertyName)));
          if (first && first !== el) this.err('nonUniquePropertyValue', parent, { primaryId: parent.id, secondaryId: el.id, property: prop, value: v, auxProperty: p.propertyName });
        }
      }
    }
  }

  private hasType(n: Node, t: string): boolean {
    const cc = classFromDtmi(t);
    if (cc) return isA(n.cls, cc.name);
    return n.el ? n.el.supp.some((x) => suppIsA(x, t)) : false;
  }

  /** Values of `property` must have one of the required types / be one of the required values. */
  private checkConstraint(el: El, c: Record<string, unknown>): void {
    const prop = c.property as string;
    const plural = (el.objs[prop]?.length ?? 0) > 1 || prop === 'fields' || prop === 'enumValues';
    for (const target of el.objs[prop] ?? []) {
      const n = this.node(target);
      if (!n) continue;
      if (c.requiredTypes && !(c.requiredTypes as string[]).some((t) => this.hasType(n, t))) {
        this.err('notRequiredType', el, { primaryId: el.id, secondaryId: plural ? undefined : n.id, property: prop, type: c.requiredTypesString as string });
        return;
      }
      if (c.requiredValues) {
        const req = c.requiredValues as string[];
        if (!req.includes(n.id) && !req.includes(target)) {
          this.err('notRequiredValue', el, { primaryId: el.id, secondaryId: n.id, property: prop, restriction: c.requiredValuesString as string });
          return;
        }
      }
    }
  }

  /** Constraints on the element's parent and siblings (e.g. MQTT NormalResult only in a Result Object, at most once). */
  private checkInverseConstraint(el: El, s: string, c: Record<string, unknown>): void {
    const parent = el.parent;
    const prop = c.property as string;
    if (!parent || el.parentProp !== prop) return;
    const pn: Node = { id: parent.id, cls: parent.cls, el: parent };
    if (c.requiredTypes && !(c.requiredTypes as string[]).some((t) => this.hasType(pn, t))) {
      this.err('parentMissingCotype', el, { primaryId: el.id, secondaryId: parent.id, property: prop, type: s, restriction: c.requiredTypesString as string });
      return;
    }
    const siblings = (parent.objs[prop] ?? []).filter((id) => id !== el.id).map((id) => this.p.els.get(id)).filter((x): x is El => !!x);
    const none = c.noneOtherType as string | undefined;
    if (none) {
      const idx = (parent.objs[prop] ?? []).indexOf(el.id);
      const earlier = siblings.find((x) => x.supp.some((t) => suppIsA(t, none)) && (parent.objs[prop] ?? []).indexOf(x.id) < idx);
      if (earlier) {
        // the reference reports the pair in DTMI order
        const [a, b] = [earlier.id, el.id].sort();
        this.err('siblingDuplicatesCotype', el, { primaryId: a, secondaryId: b, property: prop, type: s, restriction: none });
      }
    }
    const some = c.someOtherType as string | undefined;
    if (some && !siblings.some((x) => x.supp.some((t) => suppIsA(t, some)))) {
      this.err('siblingMissingCotype', el, { primaryId: el.id, property: prop, type: s, restriction: some });
    }
  }

  private checkUnit(el: El, s: string): void {
    const sd = META.supplementalTypes[s];
    if (sd.extensionKind !== 'SemanticType') return;
    const unitVal = el.suppVals.unit;
    if (unitVal === undefined) return;
    const qt = META.quantitativeTypes[sd.extensionContext];
    const units = META.units[sd.extensionContext];
    if (!qt || !units) return;
    const typeName = s.replace(/;\d+$/, '').split(':').pop()!;
    const unitType = qt[typeName];
    const allowed = unitType ? units[unitType] : undefined;
    if (!allowed) return;
    const unitTerm = String(unitVal).replace(/;\d+$/, '').split(':').pop()!;
    if (!allowed.includes(unitTerm)) {
      const pid = suppProps(s).find(([, p]) => p.propertyName === 'unit')?.[0] ?? 'unit';
      // v2: units are typed elements (notRequiredType); QuantitativeTypes: units are EnumValues of the unit Enum (wrongParent)
      this.err(el.version === 2 ? 'notRequiredType' : 'wrongParent', el, { primaryId: el.id, secondaryId: String(unitVal), property: pid, type: unitType, restriction: unitType, value: unitTerm });
    }
  }
}

/** The descendant controls that apply to elements of a class in a DTDL version (memoized on the class's facts). */
function applicableControls(version: number, cls: string): DescendantControl[] {
  // extends controls are handled with inheritance
  return distinctWalks(META.descendantControls.filter((c) => c.dtdlVersion === version && !c.properties.includes('extends') && isA(cls, c.rootClass)));
}

/** Shared empty contents (never written: a writer copies first). */
const NO_CONTENTS: Map<string, string> = new Map();

/** The state of one descendant walk (see ModelChecker.walk). */
interface Walk {
  root: El;
  c: DescendantControl;
  max: number | undefined;
  maxCount: number | undefined;
  stamp: number;
  best: Map<string, number> | undefined;
  count: number;
  reported: boolean;
}
const VK: Record<number, VersionKey> = { 2: '2', 3: '3', 4: '4' };

const extendsControls = new Map<number, DescendantControl | undefined>();

/** The descendant control of `extends` (depth and count of parents) for a DTDL version. */
function extendsControl(version: number): DescendantControl | undefined {
  if (!extendsControls.has(version)) extendsControls.set(version, META.descendantControls.find((c) => c.dtdlVersion === version && c.rootClass === 'Interface' && c.properties.includes('extends')));
  return extendsControls.get(version);
}

const INTEGRAL = new Set(['Integer', 'Long', 'Short', 'Byte', 'UnsignedByte', 'UnsignedShort', 'UnsignedInteger', 'UnsignedLong']);

function quoted(props: string[]): string {
  return props.map((p) => `'${p}'`).join(' or ');
}

function suppPropName(types: string[], propId: string): string | undefined {
  for (const s of types) for (const [id, p] of suppProps(s)) if (id === propId) return p.propertyName;
  return undefined;
}

/** The schema reference as written (term) for messages: `dtmi:...:enum:VelocityUnit` -> `VelocityUnit`. */
function schemaTerm(el: El, id: string): string {
  for (const [t, d] of el.ctx.terms) if (d === id) return t;
  return id;
}

/**
 * Controls minus those that would repeat an earlier one's walk exactly (e.g. an Enum is both an Enum and a
 * ComplexSchema, whose controls are alike): the repeat could only report what the first walk reports, which the
 * error list keeps once anyway.
 */
function distinctWalks(list: DescendantControl[]): DescendantControl[] {
  const out: DescendantControl[] = [];
  for (const c of list) if (!out.some((o) => sameWalk(o, c))) out.push(c);
  return out;
}

function sameWalk(a: DescendantControl, b: DescendantControl): boolean {
  return (
    a.datatypeProperty === undefined &&
    b.datatypeProperty === undefined &&
    a.narrow === b.narrow &&
    a.allowSelf === b.allowSelf &&
    a.excludeType === b.excludeType &&
    (a.rootClass === 'Interface') === (b.rootClass === 'Interface') &&
    (a.excludeType === undefined || a.rootClass === b.rootClass) &&
    JSON.stringify(a.properties) === JSON.stringify(b.properties) &&
    JSON.stringify(a.maxDepth) === JSON.stringify(b.maxDepth) &&
    JSON.stringify(a.maxCount) === JSON.stringify(b.maxCount)
  );
}
