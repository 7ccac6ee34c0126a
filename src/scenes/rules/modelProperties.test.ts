import { describe, expect, it } from 'vitest';
import { modelPropertyNames } from './modelProperties.ts';

describe('modelPropertyNames', () => {
  it('collects own, inherited and component properties', () => {
    const models = [
      { id: 'dtmi:x:Space;1', model: { '@id': 'dtmi:x:Space;1', '@type': 'Interface', contents: [{ '@type': 'Property', name: 'area', schema: 'double' }, { '@type': 'Relationship', name: 'contains' }] } },
      { id: 'dtmi:x:Thermo;1', model: { '@id': 'dtmi:x:Thermo;1', '@type': 'Interface', contents: [{ '@type': ['Property', 'Temperature'], name: 'setPoint', schema: 'double' }] } },
      { id: 'dtmi:x:Room;1', model: { '@id': 'dtmi:x:Room;1', '@type': 'Interface', extends: ['dtmi:x:Space;1'], contents: [
        { '@type': 'Property', name: 'temperature', schema: 'double' },
        { '@type': 'Telemetry', name: 'raw', schema: 'double' },
        { '@type': 'Component', name: 'thermostat', schema: 'dtmi:x:Thermo;1' },
      ] } },
    ];
    expect(modelPropertyNames(models).get('dtmi:x:Room;1')).toEqual(['area', 'temperature', 'thermostat.setPoint']);
  });
  it('survives cycles and unknown bases', () => {
    const models = [
      { id: 'a', model: { extends: 'b', contents: [{ '@type': 'Property', name: 'x' }] } },
      { id: 'b', model: { extends: ['a', 'zzz'], contents: [{ '@type': 'Property', name: 'y' }] } },
    ];
    expect(modelPropertyNames(models).get('a')).toEqual(['x', 'y']);
  });
});
