/**
 * JavaScript editor for user functions: CodeMirror 6 (small, modular, accessible contenteditable, maintained),
 * with JavaScript highlighting, bracket matching, history and completion of the function API after `api.`
 * (basicSetup's autocompletion reads the JavaScript language's data). Uncontrolled after mount: `value` seeds it,
 * `onChange` reports edits; a new `docKey` replaces the document.
 */
import { useEffect, useRef } from 'react';
import { EditorView, basicSetup } from 'codemirror';
import { javascript, javascriptLanguage } from '@codemirror/lang-javascript';
import { apiCompletions } from './apiCompletions.ts';

export function CodeEditor({ value, onChange, docKey, label }: { value: string; onChange: (v: string) => void; docKey: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const change = useRef(onChange);
  change.current = onChange;
  useEffect(() => {
    const view = new EditorView({
      doc: value,
      parent: host.current!,
      extensions: [
        basicSetup,
        javascript(),
        javascriptLanguage.data.of({ autocomplete: apiCompletions }),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((u) => { if (u.docChanged) change.current(u.state.doc.toString()); }),
      ],
    });
    return () => view.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docKey]);
  return <div ref={host} className="code-editor" />;
}
