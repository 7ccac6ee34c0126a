/** Fetches and reads the `src` of a viewer: a URL (package or bare document), a File/Blob or bytes. */
import { embedErr, embedOk, type EmbedResult } from '../errors.ts';
import { readScenePackage, type ScenePackage } from '../package/index.ts';

export type ViewerSource = string | Blob | ArrayBuffer | Uint8Array;

export interface LoadedSource {
  pkg: ScenePackage;
  /** URL that relative asset URLs are resolved against (the package's own URL, or the page). */
  baseUrl: string;
}

export async function loadSource(src: ViewerSource, signal?: AbortSignal): Promise<EmbedResult<LoadedSource>> {
  let bytes: Uint8Array;
  let baseUrl = location.href;
  if (typeof src === 'string') {
    let url: URL;
    try {
      url = new URL(src, location.href);
    } catch {
      return embedErr('BadUrl', `"${src}" is not a URL.`);
    }
    if (!/^(https?|blob|data):$/.test(url.protocol)) return embedErr('BadUrl', `${url.protocol} URLs are not supported for src (use http(s), blob or data).`);
    let res: Response;
    try {
      res = await fetch(url.href, { signal, credentials: 'same-origin' });
    } catch (e) {
      return embedErr('FetchFailed', `Could not fetch ${url.href}: ${(e as Error).message} (network error, or the server does not allow this origin: CORS).`);
    }
    if (!res.ok) return embedErr('FetchFailed', `Could not load ${url.href}: HTTP ${res.status} ${res.statusText}`.trim());
    bytes = new Uint8Array(await res.arrayBuffer());
    baseUrl = url.href;
  } else if (src instanceof Uint8Array) {
    bytes = src;
  } else if (src instanceof ArrayBuffer) {
    bytes = new Uint8Array(src);
  } else if (typeof Blob !== 'undefined' && src instanceof Blob) {
    bytes = new Uint8Array(await src.arrayBuffer());
  } else {
    return embedErr('BadUrl', 'src must be a URL, a File/Blob, an ArrayBuffer or a Uint8Array.');
  }
  const pkg = readScenePackage(bytes);
  if (!pkg.ok) return pkg;
  return embedOk({ pkg: pkg.value, baseUrl });
}
