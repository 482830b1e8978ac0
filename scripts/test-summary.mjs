// Sums the vitest JSON reports of every package and prints the closing line "N passed, N failed".
// Arguments: names of non-test steps that failed (each counts as one failure).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const failedSteps = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
const missing = [];
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const pkgJson = join(root, 'packages', dir, 'package.json');
  if (!existsSync(pkgJson)) continue;
  const file = join(root, 'packages', dir, '.vitest-report.json');
  if (!existsSync(file)) {
    missing.push(dir);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const p = r.numPassedTests ?? 0;
  const f = (r.numFailedTests ?? 0) + (r.success === false && !r.numFailedTests ? 1 : 0);
  const s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  passed += p;
  failed += f;
  skipped += s;
  rows.push(`  ${dir.padEnd(14)} ${String(p).padStart(5)} passed ${String(f).padStart(3)} failed ${String(s).padStart(3)} skipped`);
}
console.log('\nTest summary by package:');
console.log(rows.join('\n'));
for (const dir of missing) {
  console.log(`  ${dir.padEnd(14)} no test report (its test task did not run or crashed)`);
  failed += 1;
}
for (const step of failedSteps) {
  if (step === 'test') continue; // already counted through the reports
  console.log(`  step '${step}' failed`);
  failed += 1;
}
if (failedSteps.includes('test') && failed === 0) failed = 1;
console.log('');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
