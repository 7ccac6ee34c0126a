import { describe, expect, it } from 'vitest';
import { evaluateWidgets } from './evaluateElement.ts';
import { resolveHistorySeries, toTrendPoints, trendPath } from './historySeries.ts';
import type { Behavior, TwinToObjectMapping } from '../model/index.ts';

const element = { type: 'TwinToObjectMapping', id: 'e1', displayName: 'Room', primaryTwinID: 'Room-1', objectIDs: ['m'], twinAliases: { Floor: 'Floor-1' } } as TwinToObjectMapping;

describe('data history series', () => {
  it('resolves a property reference to the twin id and history key, through aliases', () => {
    expect(resolveHistorySeries(element, { id: 's', expression: 'PrimaryTwin.temperature', unit: '°C' })).toEqual({ id: 's', label: 'PrimaryTwin.temperature', expression: 'PrimaryTwin.temperature', unit: '°C', twinId: 'Room-1', property: 'temperature' });
    expect(resolveHistorySeries(element, { expression: 'Floor.thermostat.setpoint', label: 'Set' })).toMatchObject({ label: 'Set', twinId: 'Floor-1', property: 'thermostat.setpoint' });
  });

  it('anything but one property is an error value', () => {
    expect(resolveHistorySeries(element, { expression: 'PrimaryTwin.temperature * 2' }).error).toMatch(/one twin property/);
    expect(resolveHistorySeries(element, { expression: 'Motor.speed' }).error).toMatch(/Motor is not a twin alias/);
    expect(resolveHistorySeries(element, { expression: 'PrimaryTwin.' }).error).toBeTruthy();
    expect(resolveHistorySeries(element, { expression: 'PrimaryTwin' }).error).toMatch(/one twin property/);
  });

  it('a Data history widget in a popover becomes a trend with its series and span (ADT default 15 min)', () => {
    const behavior = {
      id: 'b', displayName: 'B', twinAliases: [], datasources: [], visuals: [{
        type: 'Popover', title: '', objectIDs: { expression: 'meshIDs' }, widgets: [
          { type: 'Data history', id: 'w', widgetConfiguration: { displayName: 'Trend', connection: {}, timeSeries: [{ id: 't', expression: 'PrimaryTwin.temperature', propertyType: 'double' }], chartOptions: { yAxisType: 'shared', aggregationType: 'avg' } } },
          { type: 'Data history', id: 'w2', widgetConfiguration: { displayName: 'Empty', chartOptions: { defaultQuickTimeSpanInMillis: 3_600_000 } } },
        ],
      }],
    } as unknown as Behavior;
    const [a, b] = evaluateWidgets(element, [behavior], () => ({ temperature: 20 }));
    expect(a).toMatchObject({ type: 'Data history', label: 'Trend', spanMs: 900_000, series: [{ twinId: 'Room-1', property: 'temperature' }] });
    expect(a.error).toBeUndefined();
    expect(b).toMatchObject({ spanMs: 3_600_000, series: [], error: 'No time series' });
  });

  it('history rows become sorted numeric points (deletes and strings left out) and a step path up to now', () => {
    const rows = [
      { TimeStamp: '2026-01-01T00:00:20Z', Value: 22 },
      { TimeStamp: '2026-01-01T00:00:10Z', Value: 20 },
      { TimeStamp: '2026-01-01T00:00:30Z', Value: null, Action: 'Delete' },
      { TimeStamp: '2026-01-01T00:00:40Z', Value: 'n/a' },
      { TimeStamp: '2026-01-01T00:00:50Z', Value: true },
    ];
    const pts = toTrendPoints(rows);
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    expect(pts).toEqual([{ t: t0 + 10_000, v: 20 }, { t: t0 + 20_000, v: 22 }, { t: t0 + 50_000, v: 1 }]);
    const p = trendPath(pts.slice(0, 2), t0, t0 + 100_000, 100, 10)!;
    // x: 10 -> 10, 20 -> 20, carried to 100; y: 20 -> bottom (10), 22 -> top (0)
    expect(p).toEqual({ d: 'M10,10H20V0H100', min: 20, max: 22 });
    expect(trendPath([{ t: t0, v: 5 }], t0, t0 + 10, 10, 10)!.d).toBe('M0,5H10'); // flat: centred
    expect(trendPath([], t0, t0 + 10, 10, 10)).toBeNull();
  });
});
