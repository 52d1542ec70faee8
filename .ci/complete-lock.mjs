#!/usr/bin/env node
// The registry mirror this project installs from serves only this platform's builds of packages
// with per-platform optional dependencies (@swc/core-*, @rollup/rollup-*, …), so `npm install`
// writes a lock without the other platforms' entries and `npm ci` then refuses it as out of sync.
// This adds those entries back as optional, platform-tagged stubs, which `npm ci` skips.
// Run it after `npm install <package>` changes package-lock.json: `node .ci/complete-lock.mjs`.
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
const OSES = [
  'darwin',
  'win32',
  'android',
  'freebsd',
  'openharmony',
  'linux',
  'sunos',
  'aix',
  'netbsd',
  'openbsd',
];
let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = key === '' ? `node_modules/${dep}` : `${key}/node_modules/${dep}`;
    if (packages[nested] || packages[`node_modules/${dep}`]) continue;
    const stub = { version: range.replace(/^[\^~]/, ''), optional: true };
    if (entry.dev) stub.dev = true;
    const os = OSES.find((o) => dep.includes(o));
    if (os) stub.os = [os];
    packages[`node_modules/${dep}`] = stub;
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform entries added`);
