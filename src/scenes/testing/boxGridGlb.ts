/**
 * A GLB of unit boxes on a grid, one node and one mesh per box named by `names` (so its ADT mesh ids are those
 * names), all sharing one geometry: a model with known node names for the bench and the e2e tests.
 */
export function boxGridGlb(names: readonly string[]): Uint8Array<ArrayBuffer> {
  const { json, bin } = boxGridParts(names);
  const pad = (b: Uint8Array, fill: number) => { const out = new Uint8Array(Math.ceil(b.length / 4) * 4).fill(fill); out.set(b); return out; };
  const jsonChunk = pad(new TextEncoder().encode(JSON.stringify(json)), 0x20);
  const binChunk = pad(bin, 0);
  const total = 12 + 8 + jsonChunk.length + 8 + binChunk.length;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0x46546c67, true); dv.setUint32(4, 2, true); dv.setUint32(8, total, true);
  dv.setUint32(12, jsonChunk.length, true); dv.setUint32(16, 0x4e4f534a, true); out.set(jsonChunk, 20);
  const o = 20 + jsonChunk.length;
  dv.setUint32(o, binChunk.length, true); dv.setUint32(o + 4, 0x004e4942, true); out.set(binChunk, o + 8);
  return out;
}

/** The same boxes as a multi-file glTF: the .gltf (JSON) naming its buffer `binName`, and the .bin. */
export function boxGridGltf(names: readonly string[], binName = 'boxes.bin'): { gltf: Uint8Array<ArrayBuffer>; bin: Uint8Array<ArrayBuffer> } {
  const { json, bin } = boxGridParts(names);
  json.buffers[0] = { byteLength: bin.byteLength, uri: binName };
  return { gltf: new TextEncoder().encode(JSON.stringify(json)) as Uint8Array<ArrayBuffer>, bin };
}

function boxGridParts(names: readonly string[]) {
  const n = names.length;
  const pos: number[] = [];
  const nor: number[] = [];
  const idx: number[] = [];
  const faces: Array<[number[], number[], number[]]> = [
    [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[-1, 0, 0], [0, 0, 1], [0, 1, 0]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]],
    [[0, -1, 0], [1, 0, 0], [0, 0, 1]], [[0, 0, 1], [1, 0, 0], [0, 1, 0]], [[0, 0, -1], [0, 1, 0], [1, 0, 0]],
  ];
  for (const [nrm, u, v] of faces) {
    const base = pos.length / 3;
    for (const [a, b] of [[-1, -1], [1, -1], [1, 1], [-1, 1]]) {
      for (let k = 0; k < 3; k++) pos.push(0.4 * (nrm[k] + a * u[k] + b * v[k]));
      nor.push(...nrm);
    }
    idx.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }
  const posBytes = new Float32Array(pos);
  const norBytes = new Float32Array(nor);
  const idxBytes = new Uint16Array(idx);
  const bin = new Uint8Array(posBytes.byteLength + norBytes.byteLength + idxBytes.byteLength);
  bin.set(new Uint8Array(posBytes.buffer), 0);
  bin.set(new Uint8Array(norBytes.buffer), posBytes.byteLength);
  bin.set(new Uint8Array(idxBytes.buffer), posBytes.byteLength + norBytes.byteLength);
  const side = Math.ceil(Math.sqrt(n));
  const json = {
    asset: { version: '2.0', generator: 'twinscape bench' },
    scene: 0,
    scenes: [{ nodes: Array.from({ length: n }, (_, i) => i) }],
    nodes: names.map((name, i) => ({ name, mesh: i, translation: [i % side, 0, Math.floor(i / side)] })),
    meshes: names.map((name) => ({ name, primitives: [{ attributes: { POSITION: 0, NORMAL: 1 }, indices: 2, material: 0 }] })),
    materials: [{ pbrMetallicRoughness: { baseColorFactor: [0.8, 0.8, 0.8, 1] } }],
    accessors: [
      { bufferView: 0, componentType: 5126, count: 24, type: 'VEC3', min: [-0.4, -0.4, -0.4], max: [0.4, 0.4, 0.4] },
      { bufferView: 1, componentType: 5126, count: 24, type: 'VEC3' },
      { bufferView: 2, componentType: 5123, count: 36, type: 'SCALAR' },
    ],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: posBytes.byteLength },
      { buffer: 0, byteOffset: posBytes.byteLength, byteLength: norBytes.byteLength },
      { buffer: 0, byteOffset: posBytes.byteLength + norBytes.byteLength, byteLength: idxBytes.byteLength },
    ],
    buffers: [{ byteLength: bin.byteLength }],
  };
  return { json: json as typeof json & { buffers: Array<{ byteLength: number; uri?: string }> }, bin };
}
