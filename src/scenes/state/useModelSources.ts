/**
 * The model files of a scene's assets, ready for the viewer: stored assets (`twinscape-asset:`) are read from
 * the engine's scene repository, relative urls resolve against the app's base, absolute urls are fetched as is.
 */
import { useEffect, useState } from 'react';
import type { Asset, AssetTransform } from '../model/index.ts';
import type { ModelSource } from '../viewer/loadModel.ts';
import { isStoredAsset, loadStoredAssetFiles } from './sceneAssets.ts';
import { sceneCall } from './scenePersistenceClient.ts';

const BASE = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');

export interface SceneModelSource {
  key: string;
  source: ModelSource;
  transform?: AssetTransform;
  name: string;
}

export function resolveAssetUrl(url: string): string {
  if (/^[a-z]+:/i.test(url) || url.startsWith('/')) return url;
  return BASE + url;
}

export function useModelSources(assets: Asset[] | undefined): { sources: SceneModelSource[]; errors: string[]; pending: boolean } {
  const [state, setState] = useState<{ key: string; sources: SceneModelSource[]; errors: string[] }>({ key: '', sources: [], errors: [] });
  const key = JSON.stringify((assets ?? []).map((a) => [a.url, a.extensionProperties?.twinscape?.files, a.extensionProperties?.twinscape?.transform]));
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const sources: SceneModelSource[] = [];
      const errors: string[] = [];
      for (const a of assets ?? []) {
        const ext = a.extensionProperties?.twinscape;
        const name = ext?.name ?? a.url.split('/').pop() ?? a.url;
        if (isStoredAsset(a.url)) {
          const files = await loadStoredAssetFiles(sceneCall, a);
          if (files.ok) sources.push({ key: a.url, source: { files: files.value }, transform: ext?.transform, name });
          else errors.push(files.error.message);
        } else if (a.url.startsWith('local:')) {
          errors.push(`${name} was uploaded before models were kept in this browser; upload it again with “Model…”.`);
        } else if (a.url) {
          sources.push({ key: a.url, source: { url: resolveAssetUrl(a.url) }, transform: ext?.transform, name });
        }
      }
      if (!cancelled) setState({ key, sources, errors });
    })();
    return () => { cancelled = true; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { sources: state.sources, errors: state.errors, pending: state.key !== key };
}
