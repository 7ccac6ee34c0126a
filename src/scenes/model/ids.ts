/** Ids in the ADT style: lowercase dashless 32-hex GUIDs (what 3D Scenes Studio's createGUID writes). */
export function newId(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
