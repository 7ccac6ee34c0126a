import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { main, version } from './main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('twinscape CLI', () => {
  it('prints help with the list of commands', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/Usage: twinscape <command>/);
  });

  it('prints the package version', async () => {
    const c = capture();
    expect(await main(['--version'], c.io)).toBe(0);
    expect(c.out[0]).toMatch(/^\d+\.\d+\.\d+/);
    expect(c.out[0]).toBe(version());
  });

  it('refuses an unknown command with exit code 2', async () => {
    const c = capture();
    expect(await main(['frobnicate'], c.io)).toBe(2);
    expect(c.err[0]).toMatch(/unknown command 'frobnicate'/);
  });

  it('runs as the package bin', () => {
    const text = execFileSync(process.execPath, ['bin/twinscape.mjs', '--version'], { encoding: 'utf8' });
    expect(text.trim()).toBe(version());
  });
});
