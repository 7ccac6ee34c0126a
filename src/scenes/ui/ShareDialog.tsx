/**
 * "Share / Embed": writes the scene package (with the origins allowed to drive the iframe) and gives the two
 * snippets to paste — the web component and the iframe — with a live preview of the embedded viewer itself.
 * The embed code is loaded only when the dialog opens (it is the viewer bundle of src/embed).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SceneDocument } from '../model/index.ts';
import type { PackageModel } from '../package/index.ts';
import { downloadBytes, packageBaseName } from './files.ts';

interface PackageInput {
  document: SceneDocument;
  assets: Map<string, PackageModel>;
  twins: Array<Record<string, unknown>>;
}

export function embedSnippets(appOrigin: string, packageUrl: string, sceneId: string | null, allowedOrigins: string[]) {
  const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const sceneAttr = sceneId ? ` scene="${attr(sceneId)}"` : '';
  const html = `<script type="module" src="${attr(appOrigin)}/twinscape-viewer.js"></script>\n<twinscape-viewer src="${attr(packageUrl)}"${sceneAttr} style="display:block;height:480px"></twinscape-viewer>`;
  const query = new URLSearchParams({ src: packageUrl });
  if (sceneId) query.set('scene', sceneId);
  if (allowedOrigins.length) query.set('allow', allowedOrigins.join(','));
  const iframe = `<iframe src="${attr(`${appOrigin}/embed.html?${query.toString()}`)}" width="800" height="480" style="border:0" title="3D scene"></iframe>`;
  return { html, iframe };
}

export function ShareDialog({ sceneId, sceneName, collect }: { sceneId: string | null; sceneName: string | null; collect: () => Promise<PackageInput> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const previewHost = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const fileName = `${packageBaseName(sceneName)}.twinscape-scene.zip`;
  const [packageUrl, setPackageUrl] = useState('');
  const [origins, setOrigins] = useState('');
  const [zip, setZip] = useState<Uint8Array | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [previewState, setPreviewState] = useState<'none' | 'loading' | 'ready' | 'error'>('none');
  // The studio passes a new collector on every render; the package is rewritten only on open / origin changes.
  const collectRef = useRef(collect);
  useEffect(() => { collectRef.current = collect; }, [collect]);
  const allowed = useMemo(() => origins.split(/[\s,]+/).filter(Boolean), [origins]);
  const snippets = embedSnippets(location.origin, packageUrl || `${location.origin}/${fileName}`, sceneId, allowed);

  // (Re)write the package whenever the dialog opens or the allowed origins change.
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    void (async () => {
      const [{ writeScenePackage }, input] = await Promise.all([import('../../embed/index.ts'), collectRef.current()]);
      const written = writeScenePackage({ ...input, allowedOrigins: allowed });
      if (cancelled) return;
      if (!written.ok) { setError(written.error.message); setZip(null); return; }
      setError(null);
      setZip(written.value);
    })();
    return () => { cancelled = true; };
  }, [open, allowed]);

  // The live preview is the embedded viewer itself, fed the package just written.
  useEffect(() => {
    const host = previewHost.current;
    if (!open || !zip || !host) return;
    const viewer = document.createElement('twinscape-viewer') as HTMLElement & { src: unknown };
    if (sceneId) viewer.setAttribute('scene', sceneId);
    viewer.style.display = 'block';
    viewer.style.height = '260px';
    viewer.addEventListener('ready', () => setPreviewState('ready'));
    viewer.addEventListener('error', (e) => { setPreviewState('error'); setError((e as unknown as CustomEvent<{ message: string }>).detail.message); });
    setPreviewState('loading');
    viewer.src = new Blob([zip as BlobPart], { type: 'application/zip' });
    host.replaceChildren(viewer);
    return () => { viewer.remove(); };
  }, [open, zip, sceneId]);

  const close = () => { dialog.current?.close(); };
  return (
    <>
      <button type="button" onClick={() => { setOpen(true); dialog.current?.showModal(); }}>Share / Embed</button>
      <dialog ref={dialog} className="share-dialog" aria-label="Share / Embed" onClose={() => { setOpen(false); setPreviewState('none'); }}>
        <h2>Share / Embed</h2>
        <p>Host the scene package anywhere, then paste one of the snippets into any web page. The embedded viewer is read-only.</p>
        <label>Package URL (where you will host it)
          <input type="url" value={packageUrl} placeholder={`${location.origin}/${fileName}`} onChange={(e) => setPackageUrl(e.target.value)} />
        </label>
        <label>Origins allowed to control the iframe (comma-separated)
          <input type="text" value={origins} placeholder="https://your.site" onChange={(e) => setOrigins(e.target.value)} />
        </label>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="button" className="primary" disabled={!zip} onClick={() => zip && downloadBytes(zip, fileName)}>
          Download package{zip ? ` (${(zip.byteLength / 1024).toFixed(0)} KB)` : ''}
        </button>
        <label>Web component<textarea readOnly rows={3} value={snippets.html} onFocus={(e) => e.currentTarget.select()} /></label>
        <label>Iframe<textarea readOnly rows={2} value={snippets.iframe} onFocus={(e) => e.currentTarget.select()} /></label>
        <section aria-label="Embed preview" data-preview-state={previewState} className="share-preview" ref={previewHost} />
        <form method="dialog"><button type="submit" onClick={close}>Close</button></form>
      </dialog>
    </>
  );
}
