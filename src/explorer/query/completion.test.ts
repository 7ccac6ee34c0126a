import { describe, expect, it } from 'vitest';
import { applyCompletion, complete, findAliases, type CompletionContext } from './completion.ts';

const ctx: CompletionContext = {
  modelIds: ['dtmi:demo:Room;1', 'dtmi:demo:Floor;1', 'dtmi:demo:Sensor;1'],
  propertiesByModel: new Map([
    ['dtmi:demo:Room;1', ['name', 'temperature', 'humidity']],
    ['dtmi:demo:Floor;1', ['name', 'level']],
    ['dtmi:demo:Sensor;1', ['serial number', 'online']],
  ]),
  relationshipNames: ['contains', 'hasSensor'],
  relationshipProperties: ['since'],
};

const labels = (text: string, cursor = text.length, explicit = false) => complete(text, cursor, ctx, explicit)?.items.map((i) => i.label) ?? [];

describe('findAliases', () => {
  it('finds FROM, JOIN ... RELATED and MATCH aliases and IS_OF_MODEL narrowing', () => {
    const a = findAliases("SELECT F, R FROM DIGITALTWINS AS F JOIN R RELATED F.contains Rel WHERE IS_OF_MODEL(R, 'dtmi:demo:Room;1')");
    expect([...a.twins]).toEqual(['F', 'R']);
    expect([...a.relationships]).toEqual(['Rel']);
    expect(a.models.get('R')).toBe('dtmi:demo:Room;1');
    const m = findAliases('SELECT b FROM DIGITALTWINS MATCH (b)-[r:contains]->(f) WHERE b.$dtId = "x"');
    expect([...m.twins].sort()).toEqual(['b', 'f']);
    expect([...m.relationships]).toEqual(['r']);
    const single = findAliases("SELECT * FROM digitaltwins T WHERE IS_OF_MODEL('dtmi:demo:Floor;1')");
    expect(single.models.get('T')).toBe('dtmi:demo:Floor;1');
  });
});

describe('complete', () => {
  it('completes keywords and functions by prefix, case-insensitively', () => {
    expect(labels('sel')).toEqual(['SELECT']);
    expect(labels('SELECT * FROM digitaltwins T WHERE IS_')).toContain('IS_OF_MODEL');
    expect(labels('SELECT * FR')).toEqual(['FROM']);
    expect(labels('SELECT * FROM ', undefined, true)).toEqual(['DIGITALTWINS', 'RELATIONSHIPS']);
  });
  it('offers aliases declared in the query', () => {
    expect(labels('SELECT Ro FROM digitaltwins Room', 9)[0]).toBe('Room');
  });
  it('completes model ids inside strings', () => {
    expect(labels("SELECT * FROM digitaltwins WHERE IS_OF_MODEL('dtmi:demo:R")).toEqual(['dtmi:demo:Room;1']);
    expect(labels("SELECT * FROM digitaltwins WHERE IS_OF_MODEL('Sen")).toEqual(['dtmi:demo:Sensor;1']);
  });
  it('completes properties after alias., narrowed by IS_OF_MODEL, escaping odd names', () => {
    const q = "SELECT * FROM digitaltwins T WHERE IS_OF_MODEL(T, 'dtmi:demo:Floor;1') AND T.";
    expect(labels(q)).toEqual(['$dtId', '$etag', '$metadata', 'name', 'level']);
    expect(labels('SELECT * FROM digitaltwins T WHERE T.hu')).toEqual(['humidity']);
    const q2 = 'SELECT * FROM digitaltwins T WHERE T.ser AND 1';
    const c = complete(q2, q2.indexOf(' AND'), ctx)!;
    expect(c.items[0].insert).toBe('[[serial number]]');
    const applied = applyCompletion(q2, c, c.items[0]);
    expect(applied.text).toBe('SELECT * FROM digitaltwins T WHERE T.[[serial number]] AND 1');
    expect(applied.text.slice(0, applied.cursor)).toBe('SELECT * FROM digitaltwins T WHERE T.[[serial number]]');
    expect(labels('SELECT * FROM digitaltwins T WHERE T.$metadata.')).toEqual(['$model', '$lastUpdateTime']);
  });
  it('completes relationship properties and names', () => {
    expect(labels('SELECT * FROM relationships R WHERE R.$s')).toEqual(['$sourceId']);
    expect(labels('SELECT * FROM relationships R WHERE R.si')).toEqual(['since']);
    expect(labels('SELECT T FROM digitaltwins F JOIN T RELATED F.')).toEqual(['contains', 'hasSensor']);
    expect(labels('SELECT a FROM digitaltwins MATCH (a)-[r:h')).toEqual(['hasSensor']);
  });
  it('stays quiet on an empty prefix unless asked', () => {
    expect(complete('SELECT ', 7, ctx)).toBeNull();
    expect(labels('SELECT ', 7, true).length).toBeGreaterThan(10);
  });
});
