// `npm run docs:lifecycle`: writes the lifecycle table from contract/lifecycle.ts into
// docs/design.md between its markers (`--check`: exit 1 when the doc is out of date).
import { readFileSync, writeFileSync } from 'node:fs';
import { withLifecycleTable } from '../contract/lifecycle-doc';

const file = new URL('../docs/design.md', import.meta.url);
const doc = readFileSync(file, 'utf8');
const next = withLifecycleTable(doc);
if (process.argv.includes('--check')) {
  if (next !== doc) {
    console.error('docs/design.md: lifecycle table is out of date; run npm run docs:lifecycle');
    process.exit(1);
  }
} else if (next !== doc) {
  writeFileSync(file, next);
  console.log('docs/design.md: lifecycle table updated');
}
