// Dependency direction between the top-level folders (docs/decisions/0001). Every component
// imports `contract/` and itself only; `scripts/` alone wires manager and agent together.
// Each test-only exception below is listed, with its reason, in docs/decisions/0001.

const root = import.meta.dirname;
const COMPONENTS = ['contract', 'frontend', 'mocks', 'manager', 'agent', 'e2e', 'scripts', 'bench'];

const MAY_IMPORT = {
  contract: [],
  frontend: ['contract'],
  mocks: ['contract'],
  manager: ['contract'],
  agent: ['contract'],
  e2e: ['contract'],
  scripts: ['contract', 'manager', 'agent'],
  // Benchmarks drive a real manager and agents with the manager's scripted test agents.
  bench: ['contract', 'manager', 'agent'],
};

// Playwright's specs (e2e/*.spec.ts) are tests as much as vitest's files are.
const TEST_FILES = ['**/*.test.{ts,tsx}', '**/*.spec.{ts,tsx}', '**/testing/**'];

// Files that may import more than their component, and what exactly.
const EXCEPTIONS = [
  {
    // Component tests render the dashboard against the in-memory manager (MSW) and set its knobs.
    files: ['frontend/**/*.test.{ts,tsx}', 'frontend/src/testing/**'],
    component: 'frontend',
    alsoFrom: [{ folder: 'mocks' }],
  },
  {
    // `npm run dev:mock` starts the MSW worker before the first render; the import is dynamic
    // and only taken when VITE_USE_MOCKS is set, so the production bundle never loads it.
    files: ['frontend/src/main.tsx'],
    component: 'frontend',
    alsoFrom: [{ folder: 'mocks', only: ['./browser.ts'] }],
  },
  {
    // The contract-parity tests run the same requests against the mocks and the real manager.
    files: ['manager/**/*.test.ts', 'manager/src/testing/**'],
    component: 'manager',
    alsoFrom: [{ folder: 'mocks' }],
  },
  {
    // The scripted test agent runs the real agent's dispatcher over the agent's in-memory fakes
    // (docs/decisions/0072) instead of a copy of its rules; nothing else of the agent.
    files: [
      'manager/src/testing/scripted-agent.ts',
      'manager/src/testing/fake-host.ts',
      'manager/src/testing/fake-worlds.ts',
    ],
    component: 'manager',
    alsoFrom: [
      {
        folder: 'agent',
        only: [
          './src/protocol/dispatch.ts',
          './src/data/server-paths.ts',
          './src/runtime/labels.ts',
          './src/testing/fake-runtime.ts',
          './src/testing/fake-host-data.ts',
          './src/testing/memory-tree.ts',
        ],
      },
    ],
  },
  {
    // The benchmarks start their browser exactly as the end-to-end suite does (0109).
    files: ['bench/chromium.ts'],
    component: 'bench',
    alsoFrom: [{ folder: 'e2e', only: ['./support/chromium.ts'] }],
  },
];

function zonesFor(component, alsoFrom = []) {
  const allowed = new Set([component, ...MAY_IMPORT[component], ...alsoFrom.map((a) => a.folder)]);
  const message = `${component}/ may import only ${[...MAY_IMPORT[component], 'itself'].join(', ')} (docs/decisions/0001).`;
  const zones = [
    { target: component, from: COMPONENTS.filter((c) => !allowed.has(c)), message },
    // A partial allowance (`only`) is one zone whose `except` lists the files that may be used.
    ...alsoFrom
      .filter((a) => a.only)
      .map((a) => ({ target: component, from: a.folder, except: a.only, message })),
  ];
  return ['error', { basePath: root, zones }];
}

const productionTestImports = {
  // The exceptions above are only safe while production code cannot reach test helpers.
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['**/testing/**', '**/*.test', '**/*.test.*'],
          message: 'test helpers are for tests only',
        },
      ],
    },
  ],
};

export const boundaryBlocks = [
  ...COMPONENTS.map((component) => ({
    files: [`${component}/**/*.{ts,tsx,js}`],
    rules: { 'import-x/no-restricted-paths': zonesFor(component) },
  })),
  ...EXCEPTIONS.map(({ files, component, alsoFrom }) => ({
    files,
    rules: { 'import-x/no-restricted-paths': zonesFor(component, alsoFrom) },
  })),
  {
    files: COMPONENTS.map((c) => `${c}/**/*.{ts,tsx,js}`),
    // Benchmarks and measuring scripts are instruments, like tests: they may use test helpers.
    ignores: [...TEST_FILES, 'bench/**', 'scripts/measure-*.ts'],
    rules: productionTestImports,
  },
  {
    // The agent's domain reaches Docker and the disk only through ContainerRuntime and HostData
    // (its CommandContext), so the same code runs over the in-memory fakes in tests. Pure path
    // rules (server-paths, allowed-roots) may be imported.
    files: ['agent/src/domain/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...productionTestImports['no-restricted-imports'][1].patterns,
            {
              group: [
                '../data/*',
                '!../data/host-data',
                '!../data/server-paths',
                '!../data/allowed-roots',
                '../runtime/docker/*',
                '../host/*',
                'node:fs',
                'node:fs/*',
                'node:dgram',
                'node:child_process',
                'dockerode',
              ],
              message:
                'the agent domain uses ctx.data (HostData) and ctx.runtime (ContainerRuntime)',
            },
          ],
        },
      ],
    },
  },
  {
    // The contract is declared with zod/mini and the dashboard parses with it: one import of
    // classic zod puts its whole API (~25 KB gzip) back on the first page (docs/decisions/0047).
    files: ['contract/**/*.ts', 'frontend/**/*.{ts,tsx}'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: "use 'zod/mini' (the contract's flavour)" }],
          patterns: productionTestImports['no-restricted-imports'][1].patterns,
        },
      ],
    },
  },
];
