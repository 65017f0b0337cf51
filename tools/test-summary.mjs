#!/usr/bin/env node
// Sums the vitest JSON reports every package writes to .vitest/*.json and prints one closing line
// ("N passed, N failed, N skipped"), so a whole `npm test` ends with a single, parseable verdict.
// `--reset` deletes old reports first, so a package that did not run is not counted from last time.
import { readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packages = ['libs', 'services', 'infra'].flatMap((group) =>
  existsSync(join(root, group))
    ? readdirSync(join(root, group), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => join(root, group, d.name))
    : [],
);

if (process.argv.includes('--reset')) {
  for (const dir of packages) rmSync(join(dir, '.vitest'), { recursive: true, force: true });
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;
for (const dir of packages) {
  const folder = join(dir, '.vitest');
  if (!existsSync(folder)) continue;
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    reports += 1;
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
}
if (reports === 0) {
  console.error('test-summary: no vitest reports found');
  process.exit(1);
}
console.log(`\nHotline tests (${reports} reports):`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
