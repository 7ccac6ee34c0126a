#!/usr/bin/env node
// The e2e suite needs a real Chromium (Playwright cannot download its own here, so we use Debian's) and a real
// MQTT broker (Debian's mosquitto) for the live-data tests. Fail loudly — never skip — when either is missing.
import { accessSync, constants } from 'node:fs';
import { execFileSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const mosquitto = process.env.MOSQUITTO_PATH ?? '/usr/sbin/mosquitto';
const missing = [];
try {
  accessSync(chromium, constants.X_OK);
  const version = execFileSync(chromium, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
  console.log(`e2e: using ${version} at ${chromium}`);
} catch (_error) {
  missing.push(`no Chromium at ${chromium} (or point CHROMIUM_PATH at another Chromium/Chrome binary; \`npx playwright install\` cannot download browsers without internet access)`);
}
try {
  accessSync(mosquitto, constants.X_OK);
  console.log(`e2e: using the MQTT broker at ${mosquitto}`);
} catch (_error) {
  missing.push(`no mosquitto at ${mosquitto} (or point MOSQUITTO_PATH at one)`);
}
if (missing.length) {
  console.error(
    [
      ...missing.map((m) => `e2e: ${m}.`),
      'Install Debian\'s packages and run the tests again:',
      '    sudo apt-get update && sudo apt-get install -y chromium mosquitto',
    ].join('\n'),
  );
  process.exit(1);
}
