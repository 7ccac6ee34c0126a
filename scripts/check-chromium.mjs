#!/usr/bin/env node
// The e2e suite needs a real Chromium. Playwright cannot download its own here, so we use Debian's.
// Fail loudly — never skip — when it is missing.
import { accessSync, constants } from 'node:fs';
import { execFileSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
try {
  accessSync(path, constants.X_OK);
  const version = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
  console.log(`e2e: using ${version} at ${path}`);
} catch (_error) {
  console.error(
    [
      `e2e: no Chromium found at ${path}.`,
      'Install Debian\'s Chromium and run the tests again:',
      '    sudo apt-get update && sudo apt-get install -y chromium',
      'or point CHROMIUM_PATH at another Chromium/Chrome binary.',
      '(`npx playwright install` cannot download browsers on machines without internet access.)',
    ].join('\n'),
  );
  process.exit(1);
}
