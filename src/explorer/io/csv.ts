/** RFC 4180 CSV reading (quotes, doubled quotes, CR/LF/CRLF, BOM), with `,` or `;` (Excel in many locales). */

export function detectDelimiter(text: string): ',' | ';' | '\t' {
  let inQuote = false;
  const counts = { ',': 0, ';': 0, '\t': 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuote = !inQuote;
    else if (!inQuote && (c === '\n' || c === '\r')) break;
    else if (!inQuote && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return counts[';'] > counts[','] ? ';' : ',';
}

export interface CsvError {
  line: number;
  message: string;
}

/** Parses CSV into rows of strings. An unterminated quote is an error with its line. */
export function parseCsv(input: string, delimiter?: string): { rows: string[][]; error?: CsvError } {
  const text = input.replace(/^\ufeff/, '');
  const d = delimiter ?? detectDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  let quoted = false;
  let quoteLine = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      i++;
      continue;
    }
    if (c === d) {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRow();
      line++;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    i++;
  }
  if (quoted) return { rows, error: { line: quoteLine, message: 'a quoted field is not closed (missing ")' } };
  if (field !== '' || row.length) endRow();
  return { rows };
}
