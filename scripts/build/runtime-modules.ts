/**
 * `node --import tsx scripts/build/runtime-modules.ts OUT`: copies into OUT/node_modules only what
 * dist/zedops-manager.mjs loads at run time — the two native addons it keeps external and the
 * packages they require — with the compiled addon but without its C sources and build objects.
 * The image ships this instead of a full production install: everything else is already inside
 * the bundles (docs/decisions/0141-bundles-and-offline-base.md).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const nodeModules = fileURLToPath(new URL('../../node_modules', import.meta.url));

/**
 * Packages required at run time, per external (scripts/build/bundles.ts managerExternals).
 * better-sqlite3's other dependency, prebuild-install, runs only at install time.
 * @node-rs/argon2 loads the one platform package npm installed for this machine.
 * bufferutil loads its prebuilt addon through node-gyp-build.
 */
export const runtimeModules = [
  'better-sqlite3',
  'bindings',
  'file-uri-to-path',
  'bufferutil',
  'node-gyp-build',
  '@node-rs/argon2',
  ...readdirSync(path.join(nodeModules, '@node-rs'))
    .filter((name) => name.startsWith('argon2-'))
    .map((name) => `@node-rs/${name}`),
];

/** Within better-sqlite3 only the compiled addon and its JavaScript are needed. */
const buildLeftovers = [
  'deps',
  'src',
  'binding.gyp',
  'build/Release/obj',
  'build/Release/obj.target',
  'build/Release/.deps',
  'build/Release/sqlite3.a',
  'build/Release/test_extension.node',
  'build/deps',
];

export function copyRuntimeModules(outDir: string): void {
  const target = path.join(outDir, 'node_modules');
  rmSync(target, { recursive: true, force: true });
  for (const name of runtimeModules) {
    const from = path.join(nodeModules, name);
    if (!existsSync(from)) throw new Error(`${name} is not installed: run npm ci first`);
    mkdirSync(path.dirname(path.join(target, name)), { recursive: true });
    cpSync(from, path.join(target, name), { recursive: true, dereference: true });
  }
  for (const leftover of buildLeftovers) {
    rmSync(path.join(target, 'better-sqlite3', leftover), { recursive: true, force: true });
  }
  if (!existsSync(path.join(target, 'better-sqlite3/build/Release/better_sqlite3.node')))
    throw new Error(
      'better-sqlite3 has no compiled addon: npm ci must build it (python3, make, g++)',
    );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: runtime-modules.ts OUT_DIR');
    process.exit(2);
  }
  copyRuntimeModules(path.resolve(out));
}
