/** Renders the canvas dialog that is open, if any. */
import { CreateRelationshipDialog } from './CreateRelationshipDialog.tsx';
import { CreateTwinDialog } from './CreateTwinDialog.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';
import { useGraphUi } from './graphUi.ts';

export function GraphDialogs() {
  const dialog = useGraphUi((s) => s.dialog);
  const close = useGraphUi((s) => s.close);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'createTwin':
      return <CreateTwinDialog model={dialog.model} position={dialog.position} onClose={close} />;
    case 'createRelationship':
      return <CreateRelationshipDialog sourceId={dialog.sourceId} targetId={dialog.targetId} onClose={close} />;
    case 'delete':
      return <DeleteDialog twinIds={dialog.twinIds} relationshipKeys={dialog.relationshipKeys} onClose={close} />;
  }
}
