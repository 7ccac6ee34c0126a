/**
 * Runs the official DTDLParser conformance cases (fixtures/dtdl/conformance.json.gz, MIT, see fixtures/dtdl/LICENSE)
 * with the reference runner's matching rule, prints a table per folder and version, and fails on regressions below
 * the recorded pass counts (fixtures/dtdl/conformance-floor.json) or exact-agreement counts
 * (fixtures/dtdl/conformance-exact-floor.json).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bucket, runCase, type Case } from './conformance.testlib.ts';
import { parseDtmi } from './dtmi.ts';

const all = JSON.parse(strFromU8(gunzipSync(readFileSync(new URL('../../fixtures/dtdl/conformance.json.gz', import.meta.url))))) as Record<string, unknown>;
const floor = JSON.parse(readFileSync(new URL('../../fixtures/dtdl/conformance-floor.json', import.meta.url), 'utf8')) as Record<string, number>;
// invalid cases whose errors agree with the reference on every listed field (secondary id, property, value, start line)
const exactFloor = JSON.parse(readFileSync(new URL('../../fixtures/dtdl/conformance-exact-floor.json', import.meta.url), 'utf8')) as Record<string, number>;

describe('DTDL conformance (official DTDLParser test cases)', () => {
  it('passes at least the recorded number of cases per folder and version', async () => {
    const stats: Record<string, { cases: number; passed: number; failed: number; skipped: number; exact: number }> = {};
    const unfilled = new Map<string, number>();
    for (const [file, content] of Object.entries(all)) {
      const s = (stats[bucket(file)] ??= { cases: 0, passed: 0, failed: 0, skipped: 0, exact: 0 });
      if (file.startsWith('dtmis/')) {
        const c = content as { valid: boolean; idText: string };
        s.cases++;
        if (!!parseDtmi(c.idText) === c.valid) s.passed++;
        else s.failed++;
        continue;
      }
      for (const c of (Array.isArray(content) ? content : [content]) as Case[]) {
        s.cases++;
        const r = await runCase(c);
        if (r.outcome === 'pass') s.passed++;
        else if (r.outcome === 'fail') s.failed++;
        else s.skipped++;
        if (r.outcome === 'pass' && r.exact) s.exact++;
        for (const u of r.unfilled ?? []) unfilled.set(u, (unfilled.get(u) ?? 0) + 1);
      }
    }
    const total = Object.values(stats).reduce((a, s) => ({ cases: a.cases + s.cases, passed: a.passed + s.passed, failed: a.failed + s.failed, skipped: a.skipped + s.skipped, exact: a.exact + s.exact }), { cases: 0, passed: 0, failed: 0, skipped: 0, exact: 0 });
    console.table({ ...stats, total });
    console.log(`DTDL conformance: ${total.passed}/${total.cases - total.skipped} non-skipped cases pass (${((100 * total.passed) / (total.cases - total.skipped)).toFixed(1)}%)`);
    for (const [b, min] of Object.entries(floor)) expect(stats[b]?.passed ?? 0, b).toBeGreaterThanOrEqual(min);
    for (const [b, min] of Object.entries(exactFloor)) expect(stats[b]?.exact ?? 0, `${b} exact`).toBeGreaterThanOrEqual(min);
    // every message is complete: no template placeholder (`{restriction}`, `{count1}`, ...) is left in a cause or action
    expect(Object.fromEntries(unfilled)).toEqual({});
  }, 120_000);
});
