import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDemoPackage, DEMO_PACKAGE_PATH } from './build-embed-demo.ts';

describe('demo scene package', () => {
  it('public/demo/demo.twinscape is what scripts/build-embed-demo.ts builds from the demo files', () => {
    const built = buildDemoPackage();
    if (process.env.UPDATE_DEMO_PACKAGE) writeFileSync(DEMO_PACKAGE_PATH, built);
    const committed = new Uint8Array(readFileSync(DEMO_PACKAGE_PATH));
    expect(Buffer.from(committed).equals(Buffer.from(built)), 'rebuild: UPDATE_DEMO_PACKAGE=1 npx vitest run scripts/build-embed-demo.test.ts').toBe(true);
  });
});
