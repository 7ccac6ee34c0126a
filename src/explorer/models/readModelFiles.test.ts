import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { locateInText, parseJsonWithLocation, readModelFiles } from './readModelFiles.ts';
import { uploadProblems } from './uploadProblems.ts';

const room = JSON.stringify({ '@id': 'dtmi:t:Room;1', '@type': 'Interface', '@context': 'dtmi:dtdl:context;3', contents: [{ '@type': 'Property', name: 'temp', schema: 'doubel' }] }, null, 2);

describe('readModelFiles', () => {
  it('reads single models, arrays and zips (nested folders), skips non-JSON visibly', () => {
    const zip = zipSync({ 'models/a.json': strToU8('{"@id":"dtmi:t:A;1"}'), 'models/readme.txt': strToU8('x'), '__MACOSX/._a.json': strToU8('junk') });
    const r = readModelFiles([
      { name: 'room.json', data: room },
      { name: 'many.json', data: '[{"@id":"dtmi:t:B;1"},{"@id":"dtmi:t:C;1"}]' },
      { name: 'pack.zip', data: zip },
      { name: 'notes.md', data: '#' },
    ]);
    expect(r.documents.map((d) => [d.file, d.model['@id'], d.indexInFile])).toEqual([
      ['room.json', 'dtmi:t:Room;1', undefined],
      ['many.json', 'dtmi:t:B;1', 0],
      ['many.json', 'dtmi:t:C;1', 1],
      ['pack.zip/models/a.json', 'dtmi:t:A;1', undefined],
    ]);
    expect(r.skipped).toEqual(['pack.zip/models/readme.txt', 'notes.md']);
    expect(r.problems).toEqual([]);
  });
  it('reports JSON syntax errors with line and column', () => {
    const r = readModelFiles([{ name: 'bad.json', data: '{\n  "@id": "dtmi:t:X;1",\n  "@type": \n}' }]);
    expect(r.documents).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'bad.json', line: 4 });
    expect(parseJsonWithLocation('[1,').ok).toBe(false);
  });
  it('flags non-object elements and duplicate ids across files', () => {
    const r = readModelFiles([{ name: 'a.json', data: '[1]' }, { name: 'b.json', data: '{"@id":"dtmi:t:D;1"}' }, { name: 'c.json', data: '{"@id":"dtmi:t:D;1"}' }]);
    expect(r.problems.map((p) => p.file)).toEqual(['a.json', 'c.json']);
    expect(r.problems[1].message).toMatch(/also defined in b\.json/);
  });
  it('points graph files to the graph import instead of failing as DTDL', () => {
    const r = readModelFiles([{ name: 'ExportedGraph.json', data: '{"digitalTwinsFileInfo":{"fileVersion":"1.0.0"},"digitalTwinsGraph":{}}' }]);
    expect(r.documents).toEqual([]);
    expect(r.problems[0].message).toMatch(/Import graph/);
  });
  it('locates an element and a property in the text', () => {
    expect(locateInText(room, 'dtmi:t:Room;1')).toEqual({ line: 2, column: 3 });
    expect(locateInText(room, 'dtmi:t:Room;1', 'schema')?.line).toBe(9);
  });
});

describe('uploadProblems', () => {
  const docs = readModelFiles([{ name: 'dir/room.json', data: room }, { name: 'ok.json', data: '{"@id":"dtmi:t:Ok;1"}' }]).documents;
  it('maps DTDL parsing errors to file, model, line, validation id and fix', () => {
    const problems = uploadProblems(
      {
        code: 'DTDLParserError',
        message: 'invalid',
        details: { errors: [{ validationId: 'dtmi:dtdl:parsingError:badType', code: 'badType', primaryId: 'dtmi:t:Room:_contents:__temp;1', property: 'schema', cause: 'bad schema', action: 'use a valid schema' }] },
      },
      docs,
    );
    expect(problems).toEqual([{ file: 'dir/room.json', modelId: 'dtmi:t:Room;1', line: 9, column: 7, validationId: 'dtmi:dtdl:parsingError:badType', cause: 'bad schema', action: 'use a valid schema' }]);
  });
  it('uses documentIndex when given, and explains ModelIdAlreadyExists', () => {
    const p = uploadProblems({ code: 'DTDLParserError', message: 'x', details: [{ code: 'missingContext', documentIndex: 4, cause: 'no context', action: 'add @context' }] }, docs, 3);
    expect(p[0]).toMatchObject({ file: 'ok.json', modelId: 'dtmi:t:Ok;1', validationId: 'dtmi:dtdl:parsingError:missingContext', line: 1 });
    const dup = uploadProblems({ code: 'ModelIdAlreadyExists', message: 'Some of the model ids already exist', details: ['dtmi:t:Ok;1'] }, docs);
    expect(dup[0]).toMatchObject({ file: 'ok.json', modelId: 'dtmi:t:Ok;1', line: 1 });
    expect(dup[0].action).toMatch(/version/);
    const noId = uploadProblems({ code: 'DTDLParserError', message: 'model 1 has no valid "@id"', details: [{ index: 1 }] }, docs);
    expect(noId[0]).toMatchObject({ file: 'ok.json', cause: 'model 1 has no valid "@id"' });
    const other = uploadProblems({ code: 'LimitExceeded', message: 'too many' }, docs);
    expect(other).toEqual([{ cause: 'LimitExceeded: too many' }]);
  });
});

describe('JSON error location', () => {
  it('points at the first invalid character', () => {
    expect(parseJsonWithLocation('{\n  "a": 1,\n  "b": tru\n}')).toMatchObject({ ok: false, line: 3, column: 8 });
    expect(parseJsonWithLocation('{"a": [1, 2}')).toMatchObject({ ok: false, line: 1, column: 12, message: "expected ',' or ']', found '}'" });
    expect(parseJsonWithLocation('{"a": 1} x')).toMatchObject({ ok: false, column: 10 });
    expect(parseJsonWithLocation('{"a": "x\\q"}')).toMatchObject({ ok: false, column: 10 });
  });
});
