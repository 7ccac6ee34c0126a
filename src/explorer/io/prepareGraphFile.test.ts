import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { detectKind, prepareGraphFile } from './prepareGraphFile.ts';

const enc = (s: string) => strToU8(s);

describe('prepareGraphFile', () => {
  it('previews ADT Explorer JSON and flags a wrong file version', () => {
    const doc = { digitalTwinsFileInfo: { fileVersion: '1.0.0' }, digitalTwinsGraph: { digitalTwins: [{ $dtId: 'A', $metadata: { $model: 'dtmi:x:A;1' } }], relationships: [{}, {}] }, digitalTwinsModels: [{}] };
    const p = prepareGraphFile('g.json', enc(JSON.stringify(doc)));
    expect(p).toMatchObject({ kind: 'adt-explorer-json', format: 'adt-explorer-json', models: 1, twins: 1, relationships: 2, sample: [{ id: 'A', model: 'dtmi:x:A;1' }], problems: [] });
    expect(prepareGraphFile('g.json', enc('{"digitalTwinsFileInfo":{"fileVersion":"2"}}')).problems[0]).toMatch(/1\.0\.0/);
    expect(prepareGraphFile('g.json', enc('{oops')).problems[0]).toMatch(/not valid JSON/);
  });
  it('counts NDJSON sections', () => {
    const nd = ['{"Section": "Header"}', '{"fileVersion": "1.0.0"}', '{"Section": "Models"}', '{"@id":"dtmi:x:A;1"}', '{"Section": "Twins"}', '{"$dtId":"A","$metadata":{"$model":"dtmi:x:A;1"}}', '{"$dtId":"B","$metadata":{"$model":"dtmi:x:A;1"}}', '{"Section": "Relationships"}', '{"$sourceId":"A"}', ''].join('\n');
    expect(prepareGraphFile('bulk.ndjson', enc(nd))).toMatchObject({ kind: 'ndjson', models: 1, twins: 2, relationships: 1, problems: [] });
    expect(detectKind('export.json', nd)).toBe('ndjson');
  });
  it('turns the spreadsheet layout (CSV and XLSX) into an ADT Explorer graph with row problems', () => {
    const csv = 'ModelID,ID (must be unique),Relationship (From),Relationship Name,Init Data\ndtmi:x:F;1,F1,,,\ndtmi:x:R;1,R1,F1,contains,"{""t"": 1}"\n';
    const p = prepareGraphFile('sheet.csv', enc(csv));
    expect(p).toMatchObject({ kind: 'csv', format: 'adt-explorer-json', twins: 2, relationships: 1, problems: [] });
    const doc = JSON.parse(p.text);
    expect(doc.digitalTwinsFileInfo.fileVersion).toBe('1.0.0');
    expect(doc.digitalTwinsGraph.digitalTwins[1]).toEqual({ $dtId: 'R1', $metadata: { $model: 'dtmi:x:R;1' }, t: 1 });
    expect(prepareGraphFile('bad.csv', enc('ModelID,ID (must be unique)\ndtmi:x:F;1,\n')).problems).toEqual(['row 2: "ID (must be unique)" is empty']);
    const xml = (s: string) => strToU8(s);
    const xlsx = zipSync({
      'xl/workbook.xml': xml('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': xml('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': xml('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ModelID</t></is></c><c r="B1" t="inlineStr"><is><t>ID (must be unique)</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>dtmi:x:F;1</t></is></c><c r="B2"><v>7</v></c></row></sheetData></worksheet>'),
    });
    const px = prepareGraphFile('sheet.xlsx', xlsx);
    expect(px).toMatchObject({ kind: 'xlsx', twins: 1, sample: [{ id: '7', model: 'dtmi:x:F;1' }], problems: [] });
  });
  it('refuses unknown files', () => {
    expect(prepareGraphFile('notes.txt', enc('hello')).problems[0]).toMatch(/unrecognised/);
  });
});
