/** RFC 4122 v4 UUID; uses crypto.randomUUID where present (workers, Node), else getRandomValues. */
export function uuid(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

let prefix: string | null = null;
let counter = 0;

/**
 * A unique id in UUID format, much cheaper than a random UUID: a random per-session prefix (80 bits) and a counter.
 * Used for etags, event ids and trace ids, which need uniqueness, not unpredictability.
 */
export function fastId(): string {
  if (prefix === null || counter >= 0xffffffffffff) {
    const b = new Uint8Array(10);
    globalThis.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    prefix = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-`;
    counter = 0;
  }
  counter++;
  return prefix + counter.toString(16).padStart(12, '0');
}
