import { describe, expect, it } from 'vitest';
import type { ContentInfo, InterfaceInfo } from '../../dtdl/index.ts';
import { relationshipChoice } from './allowedRelationships.ts';

function iface(id: string, ancestors: string[], rels: Array<{ name: string; target?: string }>): InterfaceInfo {
  const contents = new Map<string, ContentInfo>();
  for (const r of rels) contents.set(r.name, { id: `${id}:${r.name}`, kind: 'Relationship', name: r.name, definedIn: id, target: r.target });
  contents.set('name', { id: `${id}:name`, kind: 'Property', name: 'name', definedIn: id });
  return { id, languageMajorVersion: 3, extends: ancestors.slice(0, 1), ancestors, contents };
}

const interfaces = new Map<string, InterfaceInfo>([
  ['Space', iface('Space', [], [{ name: 'isPartOf' }])],
  ['Building', iface('Building', ['Space'], [{ name: 'isPartOf' }, { name: 'hasFloor', target: 'Floor' }])],
  ['Floor', iface('Floor', ['Space'], [{ name: 'isPartOf' }, { name: 'hasRoom', target: 'Room' }])],
  ['Room', iface('Room', ['Space'], [{ name: 'isPartOf' }, { name: 'hasSensor', target: 'Sensor' }])],
  ['MeetingRoom', iface('MeetingRoom', ['Room', 'Space'], [{ name: 'isPartOf' }, { name: 'hasSensor', target: 'Sensor' }])],
  ['Sensor', iface('Sensor', [], [])],
]);

describe('relationshipChoice', () => {
  it('offers names whose target fits, including subtypes and untargeted ones', () => {
    expect(relationshipChoice(interfaces, 'Floor', 'Room').forward.map((o) => o.name)).toEqual(['hasRoom', 'isPartOf']);
    expect(relationshipChoice(interfaces, 'Floor', 'MeetingRoom').forward.map((o) => o.name)).toEqual(['hasRoom', 'isPartOf']);
    expect(relationshipChoice(interfaces, 'Floor', 'Building').forward.map((o) => o.name)).toEqual(['isPartOf']);
  });
  it('finds only the reverse direction when the forward one has none (swap)', () => {
    const c = relationshipChoice(interfaces, 'Sensor', 'Room');
    expect(c.forward).toEqual([]);
    expect(c.reverse.map((o) => o.name)).toEqual(['hasSensor', 'isPartOf']);
  });
  it('unknown models offer nothing', () => {
    expect(relationshipChoice(interfaces, 'Nope', 'Room').forward).toEqual([]);
  });
});
