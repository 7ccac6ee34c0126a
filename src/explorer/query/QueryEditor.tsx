/**
 * The query text box: a textarea over a highlighted copy of the text (same font and wrapping), with
 * completion (typing, or Ctrl+Space) and the engine's error marked at its position. Ctrl+Enter runs.
 */
import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { highlightSpans } from './highlight.ts';
import { applyCompletion, complete, type Completion, type CompletionContext } from './completion.ts';
import { offsetOf, type EditorError } from './editorError.ts';

export type { EditorError };

interface Props {
  value: string;
  onChange(text: string): void;
  onRun(): void;
  context: CompletionContext;
  error: EditorError | null;
}

function renderHighlighted(text: string, caret: number, errorAt: number | undefined, caretRef: React.RefObject<HTMLSpanElement | null>): ReactNode[] {
  const out: ReactNode[] = [];
  const spans = highlightSpans(text);
  let key = 0;
  const errorSpan = errorAt === undefined ? -1 : spans.findIndex((s) => errorAt >= s.start && errorAt < s.end && s.kind !== 'space');
  const pushText = (kind: string, t: string, isError: boolean) => {
    if (!t) return;
    out.push(
      <span key={key++} className={`q-${kind}${isError ? ' q-error' : ''}`}>
        {t}
      </span>,
    );
  };
  spans.forEach((s, i) => {
    const isErr = i === errorSpan;
    if (caret > s.start && caret < s.end) {
      pushText(s.kind, text.slice(s.start, caret), isErr);
      out.push(<span key={key++} ref={caretRef} />);
      pushText(s.kind, text.slice(caret, s.end), isErr);
    } else {
      if (caret === s.start) out.push(<span key={key++} ref={caretRef} />);
      pushText(s.kind, s.text, isErr);
    }
  });
  if (caret >= text.length) out.push(<span key={key++} ref={caretRef} />);
  if (errorAt !== undefined && (errorSpan < 0 || errorAt >= text.length)) out.push(<span key={key++} className="q-error q-error-eof">{' '}</span>);
  // A trailing newline needs a character after it to take up a line in <pre>.
  out.push('\n');
  return out;
}


export function QueryEditor({ value, onChange, onRun, context, error }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const pre = useRef<HTMLPreElement>(null);
  const caretRef = useRef<HTMLSpanElement>(null);
  const [caret, setCaret] = useState(0);
  const [completion, setCompletion] = useState<Completion | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const errorId = useId();
  const errorAt = error ? offsetOf(value, error) : undefined;
  const highlighted = useMemo(() => renderHighlighted(value, caret, errorAt, caretRef), [value, caret, errorAt]);

  const refreshCompletion = (text: string, pos: number, explicit: boolean) => {
    const c = complete(text, pos, context, explicit);
    setCompletion(c && c.items.length ? { ...c, items: c.items.slice(0, 50) } : null);
    setActive(0);
  };

  // The caret after an accepted completion, placed as soon as the new text is rendered: before the next key is
  // handled (a frame later, keys typed in between would be inserted behind it).
  const pendingCursor = useRef<number | null>(null);
  useLayoutEffect(() => {
    const cursor = pendingCursor.current;
    if (cursor === null || !area.current) return;
    pendingCursor.current = null;
    area.current.focus();
    area.current.setSelectionRange(cursor, cursor);
  });

  const accept = (i: number) => {
    if (!completion) return;
    const item = completion.items[i];
    if (!item) return;
    const next = applyCompletion(value, completion, item);
    pendingCursor.current = next.cursor;
    onChange(next.text);
    setCompletion(null);
    setCaret(next.cursor);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      setCompletion(null);
      onRun();
      return;
    }
    if (e.ctrlKey && (e.key === ' ' || e.code === 'Space')) {
      e.preventDefault();
      refreshCompletion(value, e.currentTarget.selectionStart, true);
      return;
    }
    if (!completion) return;
    if (e.key === 'ArrowDown') setActive((a) => (a + 1) % completion.items.length);
    else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + completion.items.length) % completion.items.length);
    else if (e.key === 'Enter' || e.key === 'Tab') accept(active);
    else if (e.key === 'Escape') setCompletion(null);
    else return;
    e.preventDefault();
  };

  const caretBox = caretRef.current;
  const popupStyle = caretBox && pre.current ? { left: Math.min(caretBox.offsetLeft, pre.current.clientWidth - 220), top: caretBox.offsetTop + 20 - pre.current.scrollTop } : { left: 8, top: 24 };

  return (
    <div className="query-editor">
      <div className="qe-stack">
        <pre ref={pre} className="qe-highlight" aria-hidden="true">
          {highlighted}
        </pre>
        <textarea
          ref={area}
          className="qe-input"
          aria-label="Query"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          role="combobox"
          aria-expanded={!!completion}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={completion ? `${listId}-${active}` : undefined}
          aria-invalid={!!error}
          aria-describedby={error ? errorId : undefined}
          value={value}
          rows={3}
          onChange={(e) => {
            const pos = e.target.selectionStart;
            onChange(e.target.value);
            setCaret(pos);
            refreshCompletion(e.target.value, pos, false);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setCompletion(null), 150)}
          onScroll={(e) => {
            if (pre.current) {
              pre.current.scrollTop = e.currentTarget.scrollTop;
              pre.current.scrollLeft = e.currentTarget.scrollLeft;
            }
          }}
        />
        {completion ? (
          <ul id={listId} role="listbox" aria-label="Suggestions" className="qe-completions" style={popupStyle}>
            {completion.items.map((item, i) => (
              <li
                key={item.label}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  accept(i);
                }}
              >
                <span className={`qe-kind qe-kind-${item.kind}`}>{item.kind}</span> {item.label}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {error ? (
        <div id={errorId} className="qe-error-message" role="alert">
          {error.line !== undefined ? `Line ${error.line}, column ${error.column}: ` : ''}
          {error.message}
        </div>
      ) : null}
    </div>
  );
}
