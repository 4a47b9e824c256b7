import { renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { apiPaths } from './contract/http/paths';

const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export const aliases = {
  '@contract': fromRoot('./contract'),
  '@mocks': fromRoot('./mocks'),
  '@': fromRoot('./frontend/src'),
};

/**
 * react-router's package exports always point at its development build (remix-run/react-router
 * #14102), which keeps the dev warnings. A production build takes the production files, the same
 * code with the warnings off; the dev server keeps the warnings.
 */
const reactRouterProduction = [
  {
    find: /^react-router$/,
    replacement: fromRoot('./node_modules/react-router/dist/production/index.mjs'),
  },
  {
    find: /^react-router\/dom$/,
    replacement: fromRoot('./node_modules/react-router/dist/production/dom-export.mjs'),
  },
];

/**
 * Third-party code in chunks of its own, named after the library, so a release that changes
 * only the app keeps their hashes and browsers keep them cached. Radix (dialogs) is its own
 * group so that only screens that open a dialog load it.
 */
const vendorChunks = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  {
    name: 'router',
    test: /node_modules[\\/](react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/,
  },
  { name: 'query', test: /node_modules[\\/]@tanstack[\\/](query-core|react-query)[\\/]/ },
  { name: 'virtual', test: /node_modules[\\/]@tanstack[\\/](virtual-core|react-virtual)[\\/]/ },
  { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
  {
    name: 'dialog',
    test: /node_modules[\\/](@radix-ui|react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-callback-ref|use-sidecar|aria-hidden|get-nonce|detect-node-es|tslib)[\\/]/,
  },
];

/** Modules of frontend/src/ at these paths (written with `/`, `.ts` or `.tsx` left out). */
const appFiles = (...paths: string[]) =>
  new RegExp(
    `[\\\\/]frontend[\\\\/]src[\\\\/](${paths.join('|').replaceAll('/', '[\\\\/]')})\\.tsx?$`,
  );

/**
 * The app's own code in fewer, larger chunks: every small chunk is one more request on the
 * critical path and one more gzip stream that cannot share its dictionary (the overview's
 * eight route chunks were 12.5 KB gzip apart, 9.8 KB together). What the entry imports stays in
 * the entry; the small UI parts every screen shares (the login page included) are one chunk;
 * the server cards, the grids and the server list's decoder (the overview, the agent page and
 * the server page all use them) are another.
 */
const appChunks = [
  { name: 'app', test: /[\\/](frontend|contract)[\\/]/, tags: ['$initial' as const] },
  {
    name: 'ui',
    test: appFiles(
      'components/ui/(button|card|notice|badge|dialog-return-focus)',
      'lib/format-time',
    ),
  },
  {
    name: 'server-cards',
    test: appFiles(
      'features/servers/components/server-grid',
      'features/servers/api/(get|read)-servers',
      'features/agents/components/agent-header',
      'app/recover/recover-all',
    ),
  },
];

/**
 * The MSW service worker (frontend/public/mockServiceWorker.js) is for `dev:mock` only: a
 * production build must not ship a script that can intercept every request of the dashboard.
 */
function dropMockServiceWorker(outDir: string): Plugin {
  return {
    name: 'zedops:drop-mock-service-worker',
    apply: 'build',
    closeBundle() {
      rmSync(`${outDir}/mockServiceWorker.js`, { force: true });
    },
  };
}

/**
 * Every signed-in page starts by asking who is signed in: the HTML asks for it while the
 * JavaScript downloads, and the app's request takes the answer instead of asking again once the
 * scripts have run (up to a second and a half later on a busy machine, all of it on the path to
 * the first card). The login page asks it too (the router must know there is no session). Not
 * in `dev:mock`, whose mock worker starts only after the HTML's own requests went out.
 */
function preloadSession(): Plugin {
  return {
    name: 'zedops:preload-session',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'link',
        attrs: { rel: 'preload', href: apiPaths.me, as: 'fetch', crossorigin: 'anonymous' },
        injectTo: 'head',
      },
    ],
  };
}

/**
 * Vite's chunk manifest (which chunks each page imports, statically and lazily) lets the bundle
 * benchmark follow what a landing page really loads. It is moved out of the served folder: the
 * dashboard's static handler would otherwise publish the source layout.
 */
function manifestBesideDist(): Plugin {
  let outDir = '';
  return {
    name: 'zedops:manifest-beside-dist',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      renameSync(`${outDir}/.vite/manifest.json`, `${outDir}-manifest.json`);
      rmSync(`${outDir}/.vite`, { recursive: true, force: true });
    },
  };
}

// `vite --mode mock` (npm run dev:mock) serves the dashboard on MSW in the browser;
// plain `vite` proxies /api to a running manager on $PORT (8787).
export default defineConfig(({ command, mode }) => ({
  root: fromRoot('./frontend'),
  plugins: [
    react(),
    tailwindcss(),
    manifestBesideDist(),
    preloadSession(),
    ...(mode === 'mock' ? [] : [dropMockServiceWorker(fromRoot('./dist/frontend'))]),
  ],
  resolve: {
    alias: [
      ...Object.entries(aliases).map(([find, replacement]) => ({ find, replacement })),
      ...(command === 'build' ? reactRouterProduction : []),
    ],
  },
  define: { 'import.meta.env.VITE_USE_MOCKS': JSON.stringify(mode === 'mock' ? 'true' : 'false') },
  build: {
    outDir: fromRoot('./dist/frontend'),
    emptyOutDir: true,
    manifest: true,
    // Every browser the dashboard supports preloads modules itself; the polyfill was dead weight
    // on every page.
    modulePreload: { polyfill: false },
    rolldownOptions: { output: { codeSplitting: { groups: [...vendorChunks, ...appChunks] } } },
  },
  // Every route is lazy: scan them all at start, so the dev server bundles their dependencies once
  // instead of discovering one on first navigation and reloading the page under the user (or a
  // test) mid-way; warm the app's modules too, so the first page load does not wait for them.
  optimizeDeps: { entries: ['index.html', 'src/**/*.tsx'] },
  server: {
    warmup: { clientFiles: ['./src/main.tsx', './src/app/routes/*.tsx'] },
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy:
      mode === 'mock'
        ? undefined
        : { '/api': { target: `http://127.0.0.1:${process.env.PORT ?? 8787}`, ws: true } },
  },
}));
