import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { detectDelimiter, parseCsv } from './csv.ts';
import { readXlsx, columnIndex } from './xlsx.ts';
import { relationshipIdFor, sheetToGraph } from './spreadsheet.ts';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, embedded newlines, CRLF and a BOM', () => {
    const { rows, error } = parseCsv('\ufeffa,b,c\r\n"x, y","say ""hi""","multi\nline"\r\n1,,3');
    expect(error).toBeUndefined();
    expect(rows).toEqual([['a', 'b', 'c'], ['x, y', 'say "hi"', 'multi\nline'], ['1', '', '3']]);
  });
  it('detects ; and tab delimiters and reports an open quote with its line', () => {
    expect(detectDelimiter('a;b;"c,d"\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(parseCsv('a;b\n1;2').rows).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\n1,"open\n').error).toEqual({ line: 2, message: 'a quoted field is not closed (missing ")' });
  });
});

describe('sheetToGraph', () => {
  const header = ['ModelID', 'ID (must be unique)', 'Relationship (From)', 'Relationship Name', 'Init Data'];
  it('maps the ADT Explorer layout: twins, relationships from "From" to the row ID, stable ids', () => {
    const g = sheetToGraph([
      header,
      ['dtmi:ex:Floor;1', 'Floor1', '', '', '{"level": 1}'],
      ['dtmi:ex:Room;1', 'Room1', 'Floor1', 'contains', '{"Temperature": 80}'],
      [],
      ['', 'Room1', 'Building1', 'contains', ''],
    ]);
    expect(g.errors).toEqual([]);
    expect(g.headerMode).toBe('names');
    expect(g.twins).toEqual([
      { $dtId: 'Floor1', $metadata: { $model: 'dtmi:ex:Floor;1' }, level: 1 },
      { $dtId: 'Room1', $metadata: { $model: 'dtmi:ex:Room;1' }, Temperature: 80 },
    ]);
    expect(g.relationships.map((r) => [r.$sourceId, r.$relationshipName, r.$targetId])).toEqual([['Floor1', 'contains', 'Room1'], ['Building1', 'contains', 'Room1']]);
    expect(g.relationships[0].$relationshipId).toBe(relationshipIdFor('Floor1', 'contains', 'Room1'));
    expect(sheetToGraph([header, ['dtmi:ex:Room;1', 'Room1', 'Floor1', 'contains', '']]).relationships[0].$relationshipId).toBe(g.relationships[0].$relationshipId);
    expect(relationshipIdFor('a', 'r', 'b')).not.toBe(relationshipIdFor('b', 'r', 'a'));
  });
  it('finds columns by name in any order, or by position when the header names none', () => {
    const byName = sheetToGraph([['Init Data', 'id (must be unique)', 'modelid'], ['{"a":1}', 'X', 'dtmi:ex:A;1']]);
    expect(byName.twins).toEqual([{ $dtId: 'X', $metadata: { $model: 'dtmi:ex:A;1' }, a: 1 }]);
    const byPos = sheetToGraph([['Model', 'Name', 'Parent', 'Rel', 'Data'], ['dtmi:ex:A;1', 'Y', '', '', '']]);
    expect(byPos.headerMode).toBe('positions');
    expect(byPos.twins[0].$dtId).toBe('Y');
  });
  it('reports every bad row with its sheet row number', () => {
    const g = sheetToGraph([
      header,
      ['dtmi:ex:A;1', 'A', '', '', '{bad'],
      ['dtmi:ex:A;1', '', '', '', ''],
      ['dtmi:ex:A;1', 'B', 'A', '', ''],
      ['dtmi:ex:A;1', 'C', '', '', ''],
      ['dtmi:ex:A;1', 'C', '', '', ''],
      ['not-a-model', 'D', '', '', ''],
      ['dtmi:ex:A;1', 'E', '', '', '[1]'],
    ]);
    expect(g.errors.map((e) => e.row)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(g.errors[0].message).toMatch(/Init Data is not valid JSON/);
    expect(g.errors[2].message).toMatch(/Relationship Name/);
    expect(g.errors[3].message).toMatch(/already defined on row 5/);
  });
});

describe('readXlsx', () => {
  const xml = (s: string) => strToU8(`<?xml version="1.0" encoding="UTF-8"?>${s}`);
  const book = (sheet: string) =>
    zipSync({
      'xl/workbook.xml': xml('<workbook><sheets><sheet name="Twins" sheetId="1" r:id="rId7"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': xml('<Relationships><Relationship Id="rId7" Type="x" Target="worksheets/data.xml"/></Relationships>'),
      'xl/sharedStrings.xml': xml('<sst><si><t>ModelID</t></si><si><r><t>ID (must</t></r><r><t xml:space="preserve"> be unique)</t></r></si><si><t>{"a": &quot;x&amp;y&quot;}</t></si></sst>'),
      'xl/worksheets/data.xml': xml(sheet),
    });
  it('reads the first sheet through the workbook relationships: shared, inline, numbers, booleans, gaps', () => {
    const r = readXlsx(book('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>dtmi:ex:A;1</t></is></c><c r="C3"><v>42.5</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="s"><v>2</v></c></row></sheetData></worksheet>'));
    expect(r).toEqual({ ok: true, sheetName: 'Twins', rows: [['ModelID', 'ID (must be unique)'], [], ['dtmi:ex:A;1', null, 42.5, true, '{"a": "x&y"}']] });
  });
  it('fails clearly on something that is not a workbook', () => {
    expect(readXlsx(strToU8('hello')).ok).toBe(false);
    expect(readXlsx(zipSync({ 'a.txt': strToU8('x') }))).toEqual({ ok: false, message: 'not an .xlsx file: xl/workbook.xml is missing' });
    expect(columnIndex('AB12')).toBe(27);
  });
});
