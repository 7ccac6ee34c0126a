import '../testing/nodeGlobals.ts';
import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, LiveTwins, parseInboundMessage, patchOf, toTwinChangeEvents } from './index.ts';
import { readIframeOptions } from '../iframe/options.ts';

const upd = (subject: string, patch: unknown) => ({ specversion: '1.0', type: 'Microsoft.DigitalTwins.Twin.Update', subject, source: 'x', id: '1', data: { modelId: 'dtmi:m;1', patch } });

describe('ADT-shaped live events', () => {
  it('accepts a CloudEvent, an array, the engine channel {events} and JSON text; drops the rest', () => {
    const e = upd('Room-101', [{ op: 'replace', path: '/temperature', value: 30 }]);
    expect(toTwinChangeEvents(e)).toHaveLength(1);
    expect(toTwinChangeEvents([e, e])).toHaveLength(2);
    expect(toTwinChangeEvents({ twins: ['Room-101'], events: [e], reloadAll: false })).toHaveLength(1);
    expect(toTwinChangeEvents(JSON.stringify(e))[0]).toMatchObject({ subject: 'Room-101', data: { patch: [{ op: 'replace', path: '/temperature', value: 30 }] } });
    expect(toTwinChangeEvents('not json')).toEqual([]);
    expect(toTwinChangeEvents({ type: 'Microsoft.DigitalTwins.Relationship.Create', subject: 'a', data: {} })).toEqual([]);
    expect(toTwinChangeEvents(upd('Room-101', [{ op: 'move', from: '/a', path: '/b' }]))).toEqual([]);
    expect(toTwinChangeEvents(upd('', []))).toEqual([]);
  });

  it('updateTwin patches: JSON Patch or an object of values; $-keys and __proto__ dropped', () => {
    expect(patchOf({ temperature: 30, 'a/b': 1, $metadata: {}, ['__proto__']: 1 })).toEqual([
      { op: 'replace', path: '/temperature', value: 30 }, { op: 'replace', path: '/a~1b', value: 1 },
    ]);
    expect(patchOf('x')).toBeNull();
  });

  it('LiveTwins applies events, creates unknown twins from an update, reports changes', () => {
    const twins = new LiveTwins([{ $dtId: 'Room-101', temperature: 21 }]);
    const seen: string[] = [];
    twins.subscribe((evs) => seen.push(...evs.map((e) => `${e.type.split('.').pop()}:${e.subject}`)));
    twins.apply(toTwinChangeEvents(upd('Room-101', [{ op: 'replace', path: '/temperature', value: 30 }])));
    twins.apply(toTwinChangeEvents(upd('Room-999', [{ op: 'add', path: '/temperature', value: 5 }])));
    expect(twins.get('Room-101')?.temperature).toBe(30);
    expect(twins.get('Room-999')).toEqual({ $dtId: 'Room-999', temperature: 5 });
    expect(seen).toEqual(['Update:Room-101', 'Create:Room-999']);
    twins.apply([{ type: 'Microsoft.DigitalTwins.Twin.Delete', subject: 'Room-999', data: null }]);
    expect(twins.get('Room-999')).toBeUndefined();
  });
});

describe('postMessage protocol', () => {
  it('checks origins exactly', () => {
    const allow = ['https://host.example', 'http://127.0.0.1:8080/'];
    expect(isAllowedOrigin('https://host.example', allow)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:8080', allow)).toBe(true);
    expect(isAllowedOrigin('https://host.example.evil.com', allow)).toBe(false);
    expect(isAllowedOrigin('http://host.example', allow)).toBe(false);
    expect(isAllowedOrigin('null', ['null'])).toBe(false);
  });

  it('accepts data and view messages; refuses every write as ReadOnly', () => {
    expect(parseInboundMessage({ type: 'twinscape:update-twin', twinId: 'Room-101', patch: { temperature: 30 } })).toMatchObject({ kind: 'events', events: [{ subject: 'Room-101' }] });
    expect(parseInboundMessage({ type: 'twinscape:set-view', selectedElement: 'e1', layers: ['Comfort', 3] })).toEqual({ kind: 'view', view: { selectedElement: 'e1', layers: ['Comfort'] } });
    for (const type of ['twinscape:patch-twin', 'twinscape:save-scene', 'twinscape:delete-twin']) {
      expect(parseInboundMessage({ type, twinId: 'Room-101', patch: [] })).toMatchObject({ kind: 'rejected', code: 'ReadOnly' });
    }
    expect(parseInboundMessage({ type: 'twinscape:update-twin', twinId: 'Room-101', patch: 7 })).toMatchObject({ kind: 'rejected', code: 'BadMessage' });
    expect(parseInboundMessage({ type: 'other' })).toEqual({ kind: 'ignored' });
  });

  it('iframe options: allow-list of exact origins, bad ones reported', () => {
    const o = readIframeOptions('?src=/demo/demo.twinscape&scene=Duplex%20apartment&allow=https://a.example,https://b.example/&allow=https://c.example/page&controls=off');
    expect(o.src).toBe('/demo/demo.twinscape');
    expect(o.allow).toEqual(['https://a.example', 'https://b.example']);
    expect(o.problems).toHaveLength(1);
    expect(o.attributes).toEqual({ scene: 'Duplex apartment', controls: 'off' });
  });
});
