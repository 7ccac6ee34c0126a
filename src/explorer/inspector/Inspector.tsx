/** The right-hand property inspector: shows the current selection. */
import { useExplorer } from '../state/explorerStore.ts';
import { ModelSummary } from './ModelSummary.tsx';
import { RelationshipInspector } from './RelationshipInspector.tsx';
import { TwinInspector } from './TwinInspector.tsx';

export function Inspector() {
  const selection = useExplorer((s) => s.selection);
  return (
    <aside className="inspector" aria-label="Property inspector">
      {!selection && <p className="muted inspector-empty">Select a twin, relationship or model to see its properties.</p>}
      {selection?.kind === 'twin' && <TwinInspector key={selection.id} twinId={selection.id} />}
      {selection?.kind === 'relationship' && <RelationshipInspector key={selection.id} relKey={selection.id} />}
      {selection?.kind === 'model' && <ModelSummary key={selection.id} modelId={selection.id} />}
    </aside>
  );
}
