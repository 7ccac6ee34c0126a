import { describe, expect, it } from 'vitest';
import { jsonPath, mapMessage, matchTopic, validateMapping, type MqttMapping } from './mapping.ts';

const rooms: MqttMapping = { topic: 'building/+/climate', twinId: '{1}', mode: 'property', values: { temperature: '$.t', humidity: '$.h' } };
const sensors: MqttMapping = { topic: 'sensors/#', twinId: '$.device', mode: 'telemetry', values: { reading: '$.data[0].v' } };

describe('mqtt mapping', () => {
  it('matches MQTT wildcards and captures segments', () => {
    expect(matchTopic('a/+/c', 'a/b/c')).toEqual(['b']);
    expect(matchTopic('a/+/c', 'a/b/d')).toBeNull();
    expect(matchTopic('a/#', 'a/b/c')).toEqual(['b/c']);
    expect(matchTopic('a/+', 'a/b/c')).toBeNull();
    expect(matchTopic('a/b', 'a')).toBeNull();
  });

  it('reads JSON paths', () => {
    expect(jsonPath({ a: { b: [1, { c: 2 }] } }, '$.a.b[1].c')).toBe(2);
    expect(jsonPath({ a: 1 }, '$.x')).toBeUndefined();
    expect(jsonPath(5, '$')).toBe(5);
    expect(jsonPath({ a: 1 }, 'a')).toBeUndefined();
  });

  it('maps to patches and telemetry', () => {
    expect(mapMessage([rooms, sensors], 'building/Room-101/climate', '{"t":23.5,"h":40}')).toEqual({
      ok: true, actions: [{ kind: 'patch', twinId: 'Room-101', patch: [{ op: 'add', path: '/temperature', value: 23.5 }, { op: 'add', path: '/humidity', value: 40 }] }],
    });
    expect(mapMessage([rooms, sensors], 'sensors/x/y', '{"device":"Sensor-101-T","data":[{"v":1}]}')).toEqual({
      ok: true, actions: [{ kind: 'telemetry', twinId: 'Sensor-101-T', payload: { reading: 1 } }],
    });
  });

  it('reports malformed messages with a reason', () => {
    expect(mapMessage([rooms], 'building/Room-101/climate', '{"t":')).toMatchObject({ ok: false, reason: expect.stringMatching(/^payload is not JSON/) });
    expect(mapMessage([rooms], 'building/Room-101/climate', '{"t":1}')).toEqual({ ok: false, reason: 'no value at $.h for humidity' });
    expect(mapMessage([sensors], 'sensors/a', '{"data":[{"v":1}]}')).toEqual({ ok: false, reason: 'no twin id at $.device' });
    expect(mapMessage([rooms], 'other', '{}')).toEqual({ ok: false, reason: 'no mapping for topic other' });
  });

  it('validates rules', () => {
    expect(validateMapping(rooms)).toBeNull();
    expect(validateMapping({ ...rooms, topic: 'a/#/b' })).toMatch(/Invalid topic/);
    expect(validateMapping({ ...rooms, values: {} })).toMatch(/at least one/);
    expect(validateMapping({ ...rooms, values: { t: 'x' } })).toMatch(/JSON path/);
  });
});
