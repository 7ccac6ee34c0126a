/** "Download all models": one JSON file per model in a zip, named after the model id. */
import { strToU8, zipSync } from 'fflate';

export function modelFileName(id: string): string {
  return `${id.replace(/^dtmi:/, '').replace(/[:;]/g, (c) => (c === ':' ? '_' : '-'))}.json`;
}

export function modelsZip(models: Array<{ id: string; model?: unknown }>): Uint8Array<ArrayBuffer> {
  const files: Record<string, Uint8Array> = {};
  for (const m of models) if (m.model !== undefined) files[modelFileName(m.id)] = strToU8(JSON.stringify(m.model, null, 2));
  return new Uint8Array(zipSync(files, { level: 6 }));
}

export { downloadBlob } from '../../app/files/downloadBlob.ts';
