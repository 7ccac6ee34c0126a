import { describe, expect, it } from 'vitest';
import type { CloudEvent } from '../../types.ts';
import { compileFilter, parseFilter } from './index.ts';

function ev(type: string, data: unknown, extra: Partial<CloudEvent> = {}): CloudEvent {
  return { specversion: '1.0', id: 'e1', type, source: 'ws.twinscape.local', subject: 'Room-101', time: '2026-01-01T00:00:00Z', datacontenttype: 'application/json', data, ...extra };
}
const created = ev('Microsoft.DigitalTwins.Twin.Create', { $dtId: 'Room-101', $metadata: { $model: 'dtmi:twinscape:demo:Room;1' }, temperature: 4 });
const telemetry = ev('microsoft.iot.telemetry', { temperature: 22.5, kind: 'T' }, { dataschema: 'dtmi:twinscape:demo:Sensor;1' });

function matches(filter: string, event: CloudEvent): boolean {
  const c = compileFilter(filter);
  if (!c.ok) throw new Error(c.error.message);
  return c.value(event);
}

describe('event filter', () => {
  it('matches on type, model prefix and body values', () => {
    expect(matches("type = 'Microsoft.DigitalTwins.Twin.Create'", created)).toBe(true);
    expect(matches("type = 'Microsoft.DigitalTwins.Twin.Create'", telemetry)).toBe(false);
    expect(matches("STARTS_WITH($body.$metadata.$model, 'dtmi:twinscape:demo:Room')", created)).toBe(true);
    expect(matches("STARTS_WITH($body.$metadata.$model, 'dtmi:other')", created)).toBe(false);
    expect(matches('$body.temperature <= 5.5', created)).toBe(true);
    expect(matches('$body.temperature <= 5.5', telemetry)).toBe(false);
    expect(matches('$body.temperature > -1', created)).toBe(true);
  });

  it('combines with AND / OR / NOT and precedence (AND binds tighter)', () => {
    expect(matches("type = 'x' OR type = 'microsoft.iot.telemetry' AND $body.temperature > 20", telemetry)).toBe(true);
    expect(matches("(type = 'x' OR type = 'microsoft.iot.telemetry') and $body.temperature > 30", telemetry)).toBe(false);
    expect(matches("NOT type = 'x'", telemetry)).toBe(true);
    expect(matches('true', telemetry)).toBe(true);
    expect(matches('false', telemetry)).toBe(false);
  });

  it('IN, NOT IN, ENDS_WITH, CONTAINS, IS_DEFINED, bracket paths', () => {
    expect(matches("type IN ('a', 'microsoft.iot.telemetry')", telemetry)).toBe(true);
    expect(matches("type NOT IN ('a', 'microsoft.iot.telemetry')", telemetry)).toBe(false);
    expect(matches("$body.kind in ('H')", telemetry)).toBe(false);
    expect(matches("ENDS_WITH(dataschema, 'Sensor;1')", telemetry)).toBe(true);
    expect(matches("CONTAINS(subject, 'm-1')", telemetry)).toBe(true);
    expect(matches('IS_DEFINED($body.humidity)', telemetry)).toBe(false);
    expect(matches("$body['temperature'] = 22.5", telemetry)).toBe(true);
    expect(matches("subject <> 'Room-101'", telemetry)).toBe(false);
  });

  it('missing paths never match, whatever the operator', () => {
    expect(matches('$body.nothing = 1', telemetry)).toBe(false);
    expect(matches('$body.nothing != 1', telemetry)).toBe(false);
    expect(matches('$body.temperature.deeper = 1', telemetry)).toBe(false);
  });

  it('refuses invalid filters with the column of the error', () => {
    const cases: Array<[string, number]> = [
      ["type = 'unclosed", 8],
      ['type = ', 8],
      ["type == 'x'", 7],
      ["foo = 'x'", 1],
      ["STARTS_WITH(type)", 17],
      ["NOPE(type, 'x')", 1],
      ["type = 'a' AND", 15],
      ["type = 'a' 'b'", 12],
      ['$body.temperature # 3', 19],
      ["type IN ()", 10],
    ];
    for (const [filter, position] of cases) {
      const r = parseFilter(filter);
      expect(r.ok, filter).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('EventRouteFilterInvalid');
      expect((r.error.details as { position: number }).position, filter).toBe(position);
    }
    expect(parseFilter('').ok).toBe(false);
  });
});
