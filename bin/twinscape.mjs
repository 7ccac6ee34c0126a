#!/usr/bin/env node
// Thin launcher: runs the TypeScript CLI through tsx so that `npx twinscape` works right after `npm ci`,
// without a separate build step.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
