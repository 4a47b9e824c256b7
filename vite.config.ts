import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export const aliases = {
  '@contract': fromRoot('./contract'),
  '@mocks': fromRoot('./mocks'),
  '@': fromRoot('./frontend/src'),
};

// `vite --mode mock` (npm run dev:mock) serves the dashboard on MSW in the browser;
// plain `vite` proxies /api to a running manager on $PORT (8787).
export default defineConfig(({ mode }) => ({
  root: fromRoot('./frontend'),
  plugins: [react(), tailwindcss()],
  resolve: { alias: aliases },
  define: { 'import.meta.env.VITE_USE_MOCKS': JSON.stringify(mode === 'mock' ? 'true' : 'false') },
  build: { outDir: fromRoot('./dist/frontend'), emptyOutDir: true },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy:
      mode === 'mock'
        ? undefined
        : { '/api': { target: `http://127.0.0.1:${process.env.PORT ?? 8787}`, ws: true } },
  },
}));
