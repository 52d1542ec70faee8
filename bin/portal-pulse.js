#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx portal-pulse …` works without a build step.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const main = path.join(__dirname, '..', 'src', 'cli', 'main.ts');
const tsx = require.resolve('tsx/cli');
const r = spawnSync(process.execPath, [tsx, main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);
