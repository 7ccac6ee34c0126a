import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const iface = (id: string, contents: unknown[] = [], ctx = 'dtmi:dtdl:context;3', extra: Record<string, unknown> = {}) => ({ '@context': ctx, '@id': id, '@type': 'Interface', contents, ...extra });

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'twinscape-validate-'));
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'base.json'), '\uFEFF' + JSON.stringify(iface('dtmi:ex:Base;1', [{ '@type': 'Property', name: 'serial', schema: 'string' }]), null, 2));
  writeFileSync(join(dir, 'models', 'room.json'), JSON.stringify(iface('dtmi:ex:Room;1', [{ '@type': 'Telemetry', name: 't', schema: 'double' }], 'dtmi:dtdl:context;3', { extends: 'dtmi:ex:Base;1' }), null, 2));
  const bad = JSON.stringify(iface('dtmi:ex:Bad;1', [{ '@type': 'Property', name: 'p' }, { '@type': 'Telemetry', name: 'bad name', schema: 'double' }]), null, 2);
  writeFileSync(join(dir, 'bad.json'), bad);
  writeFileSync(join(dir, 'broken.json'), '{ "@id": ');
  writeFileSync(join(dir, 'models.zip'), zipSync({ 'a/base.json': strToU8(JSON.stringify(iface('dtmi:ex:Base;1'))), 'a/readme.txt': strToU8('x') }));
  return { dir, bad };
}

describe('twinscape validate', () => {
  it('accepts a valid folder as one model (exit 0)', async () => {
    const { dir } = workspace();
    const c = capture();
    expect(await main(['validate', join(dir, 'models')], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/valid: 2 interface\(s\) in 2 file\(s\)/);
  });

  it('prints every error with file, line, cause and fix (exit 1)', async () => {
    const { dir, bad } = workspace();
    const c = capture();
    expect(await main(['validate', join(dir, 'bad.json')], c.io)).toBe(1);
    const text = c.out.join('\n');
    expect(text).toMatch(/missingObjectProperty/);
    expect(text).toMatch(/stringInvalid/);
    expect(text).toMatch(/fix: Add a property 'schema' to the element\./);
    const m = /bad\.json:(\d+)(?:-\d+)?\s+missingObjectProperty/.exec(text);
    expect(m).not.toBeNull();
    expect(bad.split('\n')[Number(m![1]) - 1].trim()).toBe('{');
    expect(text).toMatch(/invalid: 2 error\(s\)/);
  });

  it('--json prints the documented shape', async () => {
    const { dir } = workspace();
    const c = capture();
    expect(await main(['validate', '--json', join(dir, 'bad.json'), join(dir, 'models')], c.io)).toBe(1);
    const r = JSON.parse(c.out.join(''));
    expect(r.valid).toBe(false);
    expect(r.interfaces).toBe(0);
    expect(r.errors.length).toBe(2);
    for (const e of r.errors) {
      expect(Object.keys(e).sort()).toEqual(['action', 'cause', 'file', 'line', 'primaryId', 'property', 'secondaryId', 'validationId', 'value']);
      expect(e.file).toBe(join(dir, 'bad.json'));
      expect(e.validationId).toMatch(/^dtmi:dtdl:parsingError:/);
    }
  });

  it('--each validates files on their own and prints one JSON line per file', async () => {
    const { dir } = workspace();
    const c = capture();
    expect(await main(['validate', '--each', '--json', join(dir, 'models')], c.io)).toBe(1);
    const lines = c.out.map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.file.split('/').pop(), l.valid])).toEqual([
      ['base.json', true],
      ['room.json', false],
    ]);
    expect(lines[1].errors[0].validationId).toBe('dtmi:dtdl:parsingError:unresolvedReference');
  });

  it('reads zips and reports malformed JSON and unusable input', async () => {
    const { dir } = workspace();
    const c1 = capture();
    expect(await main(['validate', join(dir, 'models.zip')], c1.io)).toBe(0);
    const c2 = capture();
    expect(await main(['validate', join(dir, 'broken.json')], c2.io)).toBe(1);
    expect(c2.out.join('\n')).toMatch(/not valid JSON/);
    const c3 = capture();
    expect(await main(['validate', join(dir, 'missing.json')], c3.io)).toBe(2);
    const c4 = capture();
    expect(await main(['validate'], c4.io)).toBe(2);
    const c5 = capture();
    expect(await main(['validate', '--dtdl-version', '7', dir], c5.io)).toBe(2);
  });

  it('--dtdl-version rejects newer models', async () => {
    const { dir } = workspace();
    const c = capture();
    expect(await main(['validate', '--dtdl-version', '2', join(dir, 'models')], c.io)).toBe(1);
    expect(c.out.join("\n")).toMatch(/disallowedContextVersion/);
  });

  it('validates thousands of files with --each in seconds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twinscape-many-'));
    const n = 3000;
    for (let i = 0; i < n; i++) {
      writeFileSync(join(dir, `m${i}.json`), JSON.stringify(iface(`dtmi:ex:device${i};1`, [{ '@type': 'Telemetry', name: 'temp', schema: 'double' }, { '@type': 'Property', name: 'mode', schema: { '@type': 'Enum', valueSchema: 'string', enumValues: [{ name: 'a', enumValue: 'a' }] } }])));
    }
    const c = capture();
    const t0 = performance.now();
    expect(await main(['validate', '--each', '--json', dir], c.io)).toBe(0);
    const ms = performance.now() - t0;
    expect(c.out.length).toBe(n);
    expect(ms).toBeLessThan(15_000);
  }, 30_000);
});
