import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** Gzip size of every JavaScript chunk of the built dashboard (null when it is not built). */
export function bundleSizes(dir = 'dist/frontend'): { chunks: ChunkSize[]; entry: string } | null {
  const assets = join(dir, 'assets');
  if (!existsSync(assets)) return null;
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const entry = /src="\/assets\/([^"]+\.js)"/.exec(html)?.[1] ?? '';
  const chunks = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const content = readFileSync(join(assets, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { chunks, entry };
}

/**
 * Where a user lands, as the route modules the router loads for it (Vite manifest keys, relative
 * to frontend/): signed out, the login page; signed in, the shell and the overview.
 */
export const landingPages: Record<string, string[]> = {
  login: ['src/app/routes/login-page.tsx'],
  overview: ['src/app/app-shell.tsx', 'src/app/routes/servers-page.tsx'],
};

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface FirstPage {
  page: string;
  /** Every chunk the page needs before it shows: the entry, its route chunks, their static imports. */
  chunks: ChunkSize[];
  gzipBytes: number;
}

/**
 * The JavaScript each landing page loads before it can show: the entry, the page's route chunks
 * and everything those import statically, followed through Vite's chunk manifest (written beside
 * the dashboard by the build). Lazy imports are left out: they load on a user's action or a
 * large fleet, not for the page to appear.
 */
export function firstPages(dir = 'dist/frontend'): FirstPage[] | null {
  const sizes = bundleSizes(dir);
  if (!sizes || !existsSync(`${dir}-manifest.json`)) return null;
  const manifest = JSON.parse(readFileSync(`${dir}-manifest.json`, 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entries = Object.keys(manifest).filter((k) => manifest[k]!.isEntry);
  const byFile = new Map(sizes.chunks.map((c) => [`assets/${c.file}`, c]));
  return Object.entries(landingPages).map(([page, routes]) => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk) throw new Error(`${key} is not in the dashboard's chunk manifest`);
      if (seen.has(key)) return;
      seen.add(key);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    for (const key of [...entries, ...routes]) visit(key);
    const chunks = [...seen]
      .map((key) => byFile.get(manifest[key]!.file))
      .filter((c): c is ChunkSize => c !== undefined)
      .sort((a, b) => b.gzipBytes - a.gzipBytes);
    return { page, chunks, gzipBytes: chunks.reduce((n, c) => n + c.gzipBytes, 0) };
  });
}

/** The heaviest landing page's JavaScript, gzip (null when the dashboard is not built). */
export function firstPageGzipBytes(dir = 'dist/frontend'): number | null {
  const pages = firstPages(dir);
  return pages === null ? null : Math.max(...pages.map((p) => p.gzipBytes));
}
