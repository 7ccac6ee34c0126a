/** Line ranges of JSON values by path, computed lazily (only when errors must be located). */

type JsonPath = Array<string | number>;

export type LineIndex = Map<string, { start: number; end: number }>;

export function pathKey(path: JsonPath): string {
  return path.map(String).join('\u0000');
}

/** Scans JSON text and records the 1-based start/end line of every value, keyed by its path. */
export function indexLines(text: string): LineIndex {
  const out: LineIndex = new Map();
  let i = 0;
  let line = 1;
  const n = text.length;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) break;
      i++;
    }
  };
  const str = (): string => {
    const s = i;
    i++; // opening quote
    while (i < n && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text[i] === '\n') line++;
      i++;
    }
    i++;
    try {
      return JSON.parse(text.slice(s, i)) as string;
    } catch {
      return text.slice(s + 1, i - 1);
    }
  };
  const value = (path: JsonPath, depth: number): void => {
    ws();
    const start = line;
    const c = text[i];
    if (depth > 2000) throw new Error('too deep');
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          const k = str();
          ws();
          i++; // :
          value([...path, k], depth + 1);
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          i++; // }
          break;
        }
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') i++;
      else {
        for (let idx = 0; ; idx++) {
          value([...path, idx], depth + 1);
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          i++; // ]
          break;
        }
      }
    } else if (c === '"') str();
    else {
      while (i < n && !/[\s,\]}]/.test(text[i])) i++;
    }
    out.set(pathKey(path), { start, end: line });
  };
  try {
    value([], 0);
  } catch {
    // best effort
  }
  return out;
}

/** Finds the range of the deepest recorded ancestor of `path`. */
export function locate(index: LineIndex, path: JsonPath): { start: number; end: number } | undefined {
  for (let k = path.length; k >= 0; k--) {
    const r = index.get(pathKey(path.slice(0, k)));
    if (r) return r;
  }
  return undefined;
}
