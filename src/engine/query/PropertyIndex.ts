/**
 * Equality index of one property path: primitive value → twins having it. One map per JSON type, so `'1'` and `1`
 * stay apart without building composite string keys (the build is one pass over all twins).
 */
import type { LiteralValue } from './ast.ts';
import type { Twin } from '../types.ts';

export class PropertyIndex {
  private readonly strings = new Map<string, Twin[]>();
  private readonly numbers = new Map<number, Twin[]>();
  private readonly trues: Twin[] = [];
  private readonly falses: Twin[] = [];
  private readonly nulls: Twin[] = [];

  add(v: unknown, t: Twin): void {
    switch (typeof v) {
      case 'string': {
        const b = this.strings.get(v);
        if (b) b.push(t);
        else this.strings.set(v, [t]);
        return;
      }
      case 'number': {
        const b = this.numbers.get(v);
        if (b) b.push(t);
        else this.numbers.set(v, [t]);
        return;
      }
      case 'boolean':
        (v ? this.trues : this.falses).push(t);
        return;
      default:
        if (v === null) this.nulls.push(t);
    }
  }

  /** Twins whose value equals `v` (same JSON type), or undefined. */
  get(v: LiteralValue): Twin[] | undefined {
    switch (typeof v) {
      case 'string': return this.strings.get(v);
      case 'number': return this.numbers.get(v);
      case 'boolean': return v ? this.trues : this.falses;
      default: return v === null ? this.nulls : undefined;
    }
  }
}
