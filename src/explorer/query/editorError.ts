/** Where an engine error (SqlQueryError details: line, 1-based column, 0-based offset) falls in the query text. */
export interface EditorError {
  message: string;
  /** 0-based offset of the error in the text. */
  offset?: number;
  line?: number;
  /** 1-based. */
  column?: number;
}

export function offsetOf(text: string, e: EditorError): number | undefined {
  if (typeof e.offset === 'number') return Math.min(e.offset, text.length);
  if (typeof e.line === 'number' && typeof e.column === 'number') {
    let line = 1;
    let i = 0;
    while (line < e.line && i < text.length) {
      if (text[i] === '\n') line++;
      i++;
    }
    return Math.min(i + e.column - 1, text.length);
  }
  return undefined;
}
