// `npm run build`, after the dashboard: dist/zedops-agent.mjs, dist/zedops-manager.mjs (+ migrations/).
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleAgent, bundleManager } from './bundles';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));
await bundleAgent(`${dist}/zedops-agent.mjs`);
await bundleManager(dist);
for (const file of ['zedops-agent.mjs', 'zedops-manager.mjs']) {
  console.log(`dist/${file}  ${Math.round(statSync(`${dist}/${file}`).size / 1024)} KiB`);
}
