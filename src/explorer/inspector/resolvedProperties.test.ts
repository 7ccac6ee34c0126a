import { describe, expect, it } from 'vitest';
import type { ContentInfo, InterfaceInfo } from '../../dtdl/index.ts';
import { resolveShape } from './resolvedProperties.ts';

const str = { kind: 'primitive' as const, name: 'string', id: 'dtmi:dtdl:instance:Schema:string;2' };
function prop(name: string, definedIn: string): ContentInfo {
  return { id: `${definedIn}:${name}`, kind: 'Property', name, definedIn, schema: str };
}

const interfaces = new Map<string, InterfaceInfo>([
  ['Room', {
    id: 'Room', languageMajorVersion: 3, extends: ['Space'], ancestors: ['Space'],
    contents: new Map<string, ContentInfo>([
      ['name', prop('name', 'Space')],
      ['area', prop('area', 'Room')],
      ['thermostat', { id: 'Room:thermostat', kind: 'Component', name: 'thermostat', definedIn: 'Room', componentSchema: 'Thermostat' }],
      ['contains', { id: 'Room:contains', kind: 'Relationship', name: 'contains', definedIn: 'Room' }],
    ]),
  }],
  ['Thermostat', { id: 'Thermostat', languageMajorVersion: 3, extends: [], ancestors: [], contents: new Map([['setPoint', prop('setPoint', 'Thermostat')]]) }],
]);

describe('resolveShape', () => {
  it('lists own then inherited properties, components with theirs, and unmodelled keys', () => {
    const s = resolveShape(interfaces, 'Room', { $dtId: 'r', area: 'x', legacy: 1, thermostat: { $metadata: {} } })!;
    expect(s.properties.map((p) => p.name)).toEqual(['area', 'name']);
    expect(s.components.map((c) => [c.content.name, c.properties.map((p) => p.name)])).toEqual([['thermostat', ['setPoint']]]);
    expect(s.unmodelled).toEqual(['legacy']);
  });
  it('is null for an unknown model', () => {
    expect(resolveShape(interfaces, 'Nope', {})).toBeNull();
  });
});
