/**
 * The manager launcher and the agent as plain JavaScript files that run on `node` 20
 * (docs/decisions/0141-bundles-and-offline-base.md).
 */
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const fromRoot = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

/** Native addons cannot be inlined; they stay production dependencies, loaded from node_modules. */
export const managerExternals = ['better-sqlite3', '@node-rs/argon2', 'bufferutil'];

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  alias: { '@contract': fromRoot('contract') },
  // CommonJS dependencies call require() and read __dirname; an ES module has neither.
  banner: {
    js: [
      "import { createRequire as __zedopsRequire } from 'node:module';",
      "import { fileURLToPath as __zedopsPath } from 'node:url';",
      'const require = __zedopsRequire(import.meta.url);',
      'const __filename = __zedopsPath(import.meta.url);',
      "const __dirname = __zedopsPath(new URL('.', import.meta.url));",
    ].join(' '),
  },
  // ssh2 (through dockerode) and ws try optional native speed-ups inside try/catch and fall back
  // to JavaScript without them; the agent never talks ssh to Docker anyway. ws's (`bufferutil`,
  // masking frames) is loaded from node_modules where there is one, as in the image
  // (docs/decisions/0117-native-websocket-masking.md).
  external: ['cpu-features', '*.node', 'bufferutil'],
  legalComments: 'none',
  logLevel: 'warning',
};

/** The agent with every dependency inside: copy this one file to a host and run it with node. */
export async function bundleAgent(outfile: string): Promise<void> {
  await build({ ...common, entryPoints: [fromRoot('agent/src/index.ts')], outfile });
}

/**
 * Manager + local agent (scripts/zedops.ts) into `${outDir}/zedops-manager.mjs`, with the SQL
 * migrations beside it in `${outDir}/migrations/`, where the bundled code looks for them.
 */
export async function bundleManager(outDir: string): Promise<void> {
  await build({
    ...common,
    entryPoints: [fromRoot('scripts/zedops.ts')],
    outfile: `${outDir}/zedops-manager.mjs`,
    external: [...(common.external ?? []), ...managerExternals],
  });
  rmSync(`${outDir}/migrations`, { recursive: true, force: true });
  cpSync(fromRoot('manager/src/db/migrations'), `${outDir}/migrations`, { recursive: true });
}
