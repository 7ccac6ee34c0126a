/**
 * Reads the first worksheet of an .xlsx file into rows of cell values, with fflate (already a dependency) and a
 * small SpreadsheetML reader: shared strings (rich text runs joined), inline strings, numbers, booleans,
 * formula results. Enough for ADT Explorer's import sheets; no styles, dates stay serial numbers.
 */
import { strFromU8, unzipSync } from 'fflate';

export type Cell = string | number | boolean | null;

export type XlsxResult = { ok: true; rows: Cell[][]; sheetName: string } | { ok: false; message: string };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e];
  });
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]) : undefined;
}

function texts(xml: string): string {
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) out += decodeXml(m[1] ?? '');
  return out;
}

/** Column index (0-based) of a cell reference like `AB12`. */
export function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.toUpperCase().charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function resolveTarget(target: string): string {
  const t = target.replace(/^\//, '');
  return t.startsWith('xl/') ? t : `xl/${t}`;
}

export function readXlsx(bytes: Uint8Array): XlsxResult {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    return { ok: false, message: `not an .xlsx file (${e instanceof Error ? e.message : String(e)})` };
  }
  const text = (p: string) => (files[p] ? strFromU8(files[p]) : undefined);
  const workbook = text('xl/workbook.xml');
  if (!workbook) return { ok: false, message: 'not an .xlsx file: xl/workbook.xml is missing' };
  const firstSheet = /<sheet\s[^>]*>/.exec(workbook)?.[0];
  const sheetName = firstSheet ? attr(firstSheet, 'name') ?? 'Sheet1' : 'Sheet1';
  let sheetPath = 'xl/worksheets/sheet1.xml';
  const rid = firstSheet ? attr(firstSheet, 'r:id') : undefined;
  const rels = text('xl/_rels/workbook.xml.rels');
  if (rid && rels) {
    const rel = [...rels.matchAll(/<Relationship\s[^>]*>/g)].map((m) => m[0]).find((r) => attr(r, 'Id') === rid);
    const target = rel ? attr(rel, 'Target') : undefined;
    if (target) sheetPath = resolveTarget(target);
  }
  const sheet = text(sheetPath);
  if (!sheet) return { ok: false, message: `the first worksheet (${sheetPath}) is missing` };
  const shared: string[] = [];
  const sst = text('xl/sharedStrings.xml');
  if (sst) for (const m of sst.matchAll(/<si>([\s\S]*?)<\/si>/g)) shared.push(texts(m[1]));

  const rows: Cell[][] = [];
  for (const rm of sheet.matchAll(/<row(\s[^>]*)?>([\s\S]*?)<\/row>|<row(\s[^>]*)?\/>/g)) {
    const rowTag = rm[1] ?? rm[3] ?? '';
    const r = attr(rowTag, 'r');
    const rowIndex = r ? Number(r) - 1 : rows.length;
    const cells: Cell[] = [];
    for (const cm of (rm[2] ?? '').matchAll(/<c(\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = cm[1] ?? '';
      const body = cm[2] ?? '';
      const ref = attr(tag, 'r');
      const col = ref ? columnIndex(ref) : cells.length;
      const type = attr(tag, 't');
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: Cell = null;
      if (type === 's') value = v !== undefined ? shared[Number(v)] ?? '' : null;
      else if (type === 'inlineStr') value = texts(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else if (type === 'b') value = v === '1';
      else if (type === 'str' || type === 'e') value = v !== undefined ? decodeXml(v) : null;
      else if (v !== undefined) value = Number(v);
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    while (rows.length < rowIndex) rows.push([]);
    rows[rowIndex] = cells;
  }
  return { ok: true, rows, sheetName };
}
