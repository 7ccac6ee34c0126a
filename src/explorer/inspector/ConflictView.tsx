/**
 * The If-Match conflict view shared by the twin and relationship inspectors: my JSON Patch beside the stored
 * version (plain text, never HTML), with "re-apply my changes to the stored version" and "discard mine".
 */
import type { JsonPatchOp } from '../../engine/types.ts';

export interface ConflictViewProps {
  /** What changed: "twin" or "relationship". */
  what: string;
  mine: readonly JsonPatchOp[];
  storedEtag: string;
  stored: Record<string, unknown>;
  onReapply(): void;
  onDiscard(): void;
}

export function ConflictView({ what, mine, storedEtag, stored, onReapply, onDiscard }: ConflictViewProps) {
  return (
    <section className="conflict" aria-label="Conflict">
      <h4>Conflict: the stored {what} changed</h4>
      <div className="conflict-columns">
        <div>
          <h5>Your changes</h5>
          <pre aria-label="Your changes">{JSON.stringify(mine, null, 2)}</pre>
        </div>
        <div>
          <h5>Stored version ({storedEtag})</h5>
          <pre aria-label="Stored version">{JSON.stringify(stored, null, 2)}</pre>
        </div>
      </div>
      <button type="button" className="primary" onClick={onReapply}>Re-apply my changes to the stored version</button>
      <button type="button" onClick={onDiscard}>Discard mine, keep stored</button>
    </section>
  );
}
