import { describe, expect, it } from 'vitest';
import { collectReferences, evaluate, parseExpression, renderTemplate } from './index.ts';

const twin = {
  $dtId: 'Room-101',
  $metadata: { $model: 'dtmi:example:Room;1' },
  Temperature: 72.456,
  InFlow: 120,
  Running: true,
  Name: 'Pump A',
  Tags: ['a', 'b'],
  Settings: { Mode: 'eco', 'Set Point': 21 },
};
const scope = { PrimaryTwin: twin, Motor: { Vibration: 6, Flow: 130 } };

const ok = (src: string) => {
  const r = evaluate(src, scope);
  if (!r.ok) throw new Error(`${src}: ${r.error.message}`);
  return r.value;
};
const errorOf = (src: string) => {
  const r = evaluate(src, scope);
  if (r.ok) throw new Error(`${src} should fail but gave ${String(r.value)}`);
  return r.error;
};

describe('expression evaluator', () => {
  it('evaluates the ADT 3D Scenes Studio examples', () => {
    expect(ok('PrimaryTwin.Temperature > 70')).toBe(true);
    expect(ok('PrimaryTwin.Temperature > 80')).toBe(false);
    expect(ok('Math.max(PrimaryTwin.InFlow, Motor.Flow)')).toBe(130);
    expect(ok("PrimaryTwin.InFlow > 99 ? `${PrimaryTwin.$dtId} bad` : 'ok'")).toBe('Room-101 bad');
    expect(ok('Motor.Vibration > 5 && PrimaryTwin.Running')).toBe(true);
  });

  it('follows JavaScript precedence and associativity', () => {
    expect(ok('1 + 2 * 3')).toBe(7);
    expect(ok('(1 + 2) * 3')).toBe(9);
    expect(ok('2 ** 3 ** 2')).toBe(512);
    expect(ok('10 - 4 - 3')).toBe(3);
    expect(ok('1 < 2 == true')).toBe(true);
    expect(ok('false || 0 ?? 5')).toBe(0);
    expect(ok('null ?? 5')).toBe(5);
    expect(ok('-PrimaryTwin.InFlow + 20')).toBe(-100);
    expect(ok('!PrimaryTwin.Running')).toBe(false);
    expect(ok('7 % 4 | 8')).toBe(11);
    expect(ok('1 ? 2 : 3 ? 4 : 5')).toBe(2);
  });

  it('reads nested, bracketed and missing properties like JavaScript', () => {
    expect(ok("PrimaryTwin.Settings['Set Point']")).toBe(21);
    expect(ok('PrimaryTwin.Settings.Mode')).toBe('eco');
    expect(ok('PrimaryTwin.Tags[1]')).toBe('b');
    expect(ok('PrimaryTwin.Tags.length')).toBe(2);
    expect(ok('PrimaryTwin.Missing')).toBe(undefined);
    expect(ok('PrimaryTwin.Missing?.Deeper')).toBe(undefined);
    expect(ok('PrimaryTwin.$metadata.$model')).toBe('dtmi:example:Room;1');
    expect(errorOf('PrimaryTwin.Missing.Deeper').message).toMatch(/Cannot read 'Deeper' of undefined/);
  });

  it('calls only whitelisted methods', () => {
    expect(ok('PrimaryTwin.Temperature.toFixed(1)')).toBe('72.5');
    expect(ok('PrimaryTwin.Name.toUpperCase()')).toBe('PUMP A');
    expect(ok("PrimaryTwin.Tags.includes('a')")).toBe(true);
    expect(ok('Math.round(PrimaryTwin.Temperature)')).toBe(72);
    expect(errorOf('PrimaryTwin.Name.constructor').message).toMatch(/not accessible/);
    expect(errorOf("PrimaryTwin['__proto__']").message).toMatch(/not accessible/);
    expect(errorOf('PrimaryTwin.Settings.hasOwnProperty("x")').message).toMatch(/not a function/);
    expect(errorOf('Math.random()').message).toMatch(/Math.random is not available/);
  });

  it('rejects what is not an expression', () => {
    for (const src of ['a = 1', 'new Date()', 'function(){}', '(1, 2)', 'PrimaryTwin.', '1 +', 'this', 'typeof x', '"open']) {
      const r = parseExpression(src);
      expect(r.ok, src).toBe(false);
    }
    const r = parseExpression('PrimaryTwin.Temperature >> > 3');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ExpressionSyntaxError');
      expect(r.error.offset).toBe(27);
    }
  });

  it('reports unknown names with their position', () => {
    const e = errorOf('PrimaryTwin.InFlow > window.x');
    expect(e.code).toBe('ExpressionEvalError');
    expect(e.message).toBe("Unknown name 'window'");
    expect(e.offset).toBe(21);
    expect(errorOf('globalThis').message).toMatch(/Unknown name/);
    expect(errorOf('PrimaryTwin.Settings * 2').message).toMatch(/object cannot be used/);
  });

  it('renders label templates the way the studio does', () => {
    expect(renderTemplate('Temp ${PrimaryTwin.Temperature.toFixed(1)} °C', scope)).toEqual({ ok: true, value: 'Temp 72.5 °C' });
    expect(renderTemplate('`Hot: ${PrimaryTwin.InFlow}`', scope)).toEqual({ ok: true, value: 'Hot: 120' });
    expect(renderTemplate('plain text', scope)).toEqual({ ok: true, value: 'plain text' });
    expect(renderTemplate('https://x/${PrimaryTwin.$dtId}?m=${Motor.Vibration > 5 ? "hi" : "lo"}', scope))
      .toEqual({ ok: true, value: 'https://x/Room-101?m=hi' });
    const bad = renderTemplate('T ${Nope.x}', scope);
    expect(bad.ok).toBe(false);
  });

  it('lists the twin properties an expression reads', () => {
    const p = parseExpression("Math.max(PrimaryTwin.InFlow, Motor.Flow) > 3 && PrimaryTwin.Settings['Mode'] == `x${Pump.On}`");
    expect(p.ok).toBe(true);
    if (p.ok) {
      expect(collectReferences(p.value)).toEqual([
        { root: 'PrimaryTwin', path: ['InFlow'] },
        { root: 'Motor', path: ['Flow'] },
        { root: 'PrimaryTwin', path: ['Settings', 'Mode'] },
        { root: 'Pump', path: ['On'] },
      ]);
    }
  });
});
