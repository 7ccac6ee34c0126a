/**
 * What the browser benches share with the e2e suite: Debian's Chromium launched with playwright.config.ts's flags
 * (software WebGL), and free local ports for their preview servers.
 */
import config, { chromiumPath } from '../playwright.config.ts';

export { freePort } from '../fixtures/freePort.ts';

export const chromiumLaunch = { executablePath: chromiumPath, args: (config.use?.launchOptions?.args ?? []) as string[] };
