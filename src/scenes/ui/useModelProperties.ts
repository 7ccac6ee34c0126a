/** DTDL property names per model id (for expression autocompletion), read once from the engine's models. */
import { useEffect, useState } from 'react';
import { engine, useEngineStatus } from '../../app/engine/index.ts';
import { modelPropertyNames } from '../rules/index.ts';

export function useModelProperties(): Map<string, string[]> {
  const status = useEngineStatus();
  const [map, setMap] = useState<Map<string, string[]>>(new Map());
  useEffect(() => {
    if (status !== 'ready') return;
    let cancelled = false;
    void engine.listModels({ includeModelDefinition: true }).then((r) => {
      if (!cancelled && r.ok) setMap(modelPropertyNames(r.value));
    });
    return () => { cancelled = true; };
  }, [status]);
  return map;
}
