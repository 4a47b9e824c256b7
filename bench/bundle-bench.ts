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

/** The JavaScript the first page loads: the entry plus what index.html preloads. */
export function firstPageGzipBytes(dir = 'dist/frontend'): number | null {
  const sizes = bundleSizes(dir);
  if (!sizes) return null;
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const loaded = new Set([...html.matchAll(/\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!));
  return sizes.chunks.filter((c) => loaded.has(c.file)).reduce((n, c) => n + c.gzipBytes, 0);
}
