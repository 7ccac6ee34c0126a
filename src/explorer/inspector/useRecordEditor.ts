/**
 * The editing state of one stored record (a twin or a relationship) in the inspector: the stored version, the
 * user's draft of its properties, the JSON Patch between them, and the save with If-Match.
 * The stored version follows committed events that name the record while the draft has no unsaved edit; with one,
 * the edit is kept (and `changedElsewhere` flagged), and saving it on the stale version opens a conflict with both
 * versions, which the user re-applies or discards.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { onEngineEvents } from '../../app/engine/index.ts';
import type { CloudEvent, JsonPatchOp, Result } from '../../engine/types.ts';
import { buildPatch, deepEqual } from './buildPatch.ts';
import { reapplyPatch } from './reapplyPatch.ts';

export interface EditedRecord {
  $etag: string;
}

export interface SaveStatus {
  kind: 'idle' | 'saving' | 'saved' | 'error';
  message?: string;
}

export interface RecordEditorOptions<T extends EditedRecord> {
  /** Identifies the record: a new key starts over (load, no conflict, no status). */
  key: string;
  /** What the record is, in messages ("twin", "relationship"). */
  what: string;
  read(): Promise<Result<T>>;
  /** Does this committed event change the record? */
  names(event: CloudEvent): boolean;
  /** Saves the patch against the version it was made on (its etag as If-Match); the message starts with the code. */
  write(stored: T, patch: JsonPatchOp[]): Promise<{ ok: true } | { ok: false; message: string }>;
}

/** The user-editable part of a record: its properties, not the `$` system fields. */
export function editableFields(record: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!k.startsWith('$')) out[k] = structuredClone(v);
  return out;
}

export function useRecordEditor<T extends EditedRecord>(opts: RecordEditorOptions<T>) {
  const [stored, setStored] = useState<T | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [conflict, setConflict] = useState<{ mine: JsonPatchOp[]; latest: T } | null>(null);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  // The latest options without making every render a new load or subscription (they change with the key only).
  const optsRef = useRef(opts);
  optsRef.current = opts;

  // Loads are numbered: in a burst of remote changes only the answer to the latest one is applied.
  const loadSeq = useRef(0);
  const load = useCallback(async () => {
    const mine = ++loadSeq.current;
    const r = await optsRef.current.read();
    if (mine !== loadSeq.current) return;
    if (!r.ok) {
      setLoadError(`${r.error.code}: ${r.error.message}`);
      setStored(null);
      return;
    }
    setLoadError(null);
    setStored(r.value);
    setDraft(editableFields(r.value));
  }, []);

  useEffect(() => {
    setConflict(null);
    setStatus({ kind: 'idle' });
    setChangedElsewhere(false);
    void load();
  }, [opts.key, load]);

  // The draft and the version it was made on, as of the same render: an event handled between a load's state update
  // and a re-render must not compare a new draft with an old stored version (that looked like unsaved edits, and the
  // change was missed).
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const storedRef = useRef(stored);
  storedRef.current = stored;
  const savingRef = useRef(false);
  savingRef.current = status.kind === 'saving';
  useEffect(() => onEngineEvents((events) => {
    if (!events.some((e) => optsRef.current.names(e))) return;
    if (savingRef.current) return; // our own save: reloaded when it completes
    const base = storedRef.current;
    const clean = base ? deepEqual(draftRef.current, editableFields(base)) : true;
    if (clean) void load();
    else setChangedElsewhere(true);
  }), [opts.key, load]);

  const original = useMemo(() => (stored ? editableFields(stored) : {}), [stored]);
  const patch = useMemo(() => buildPatch(original, draft), [original, draft]);

  const save = async () => {
    if (!stored || patch.length === 0) return;
    setStatus({ kind: 'saving' });
    const r = await optsRef.current.write(stored, patch);
    if (r.ok) {
      setStatus({ kind: 'saved', message: `Saved ${patch.length} change${patch.length === 1 ? '' : 's'}.` });
      setChangedElsewhere(false);
      await load();
      return;
    }
    if (r.message.startsWith('PreconditionFailed')) {
      const latest = await optsRef.current.read();
      if (latest.ok) {
        setConflict({ mine: patch, latest: latest.value });
        setStatus({ kind: 'error', message: `Someone else changed this ${optsRef.current.what} since you opened it.` });
        return;
      }
    }
    setStatus({ kind: 'error', message: r.message });
  };

  /** Takes the stored version of a conflict, with my changes re-applied on top (saved against its etag). */
  const reapplyOnLatest = () => {
    if (!conflict) return;
    setStored(conflict.latest);
    setDraft(reapplyPatch(editableFields(conflict.latest), conflict.mine));
    setConflict(null);
    setChangedElsewhere(false);
    setStatus({ kind: 'idle', message: 'Your changes were re-applied to the stored version; review and save.' });
  };

  /** Takes the stored version of a conflict and drops my changes. */
  const takeLatest = () => {
    if (!conflict) return;
    setStored(conflict.latest);
    setDraft(editableFields(conflict.latest));
    setConflict(null);
    setChangedElsewhere(false);
    setStatus({ kind: 'idle' });
  };

  const discardDraft = () => {
    if (stored) setDraft(editableFields(stored));
  };

  return { stored, loadError, draft, setDraft, original, patch, status, conflict, changedElsewhere, save, reapplyOnLatest, takeLatest, discardDraft };
}
