import { statfs } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import * as tar from 'tar';
import { excludedTopLevel } from './archive-entry-policy';
import { type ArchiveCounts, countEntry, emptyCounts } from './archive-counts';
import type { GrowingFileWriter } from './growing-file';

export interface WriteArchiveOptions {
  /** Uncompressed tar bytes produced so far (progress). */
  onTarBytes?: (bytes: number) => void;
  /** Stop with DiskReserveError when the target filesystem's free space falls below this. */
  minFreeBytes?: number;
  /** Stops the archive (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

/** The target filesystem ran low while writing: stopped before the disk was full. */
export class DiskReserveError extends Error {
  constructor(
    readonly freeBytes: number,
    readonly minFreeBytes: number,
  ) {
    super(
      `only ${freeBytes} bytes left on the snapshot disk (keeping at least ${minFreeBytes} free)`,
    );
  }
}

// Measured on a 1 GB world (bench/snapshot-bench.ts): gzip level 1 on zlib's thread pool, fed
// 1 MiB blocks, keeps pace with `tar -c | gzip -1`; tar's own in-thread gzip or smaller blocks
// are slower. Memory stays a few MiB whatever the world size: every stage honours backpressure.
// Every buffer allocated here counts as V8 external memory, and every ~64 MiB of it costs a full
// garbage collection (docs/decisions/0099-snapshot-cpu.md): so tar's big reads go to zlib as they
// are, and zlib writes 1 MiB pieces (a quarter of the writes and read-back wake-ups of 256 KiB).
// tar stats and opens 16 entries ahead instead of 4: a world is thousands of small files, each
// four thread-pool round trips, which a busy machine makes slow one by one (at most 16 open files
// and 16 MiB read ahead).
const gzipLevel = 1;
const blockBytes = 1024 * 1024;
const readBytes = 1024 * 1024;
const gzipChunkBytes = 1024 * 1024;
const packJobs = 16;
const reserveCheckEvery = 64 * 1024 * 1024;

/**
 * Streams `sourceRoot` — without its top-level bin/, and without sockets, fifos and devices,
 * which hold no data — as a gzip'd tar into `file` (which fsyncs it before finishing). Symlinks
 * are stored as links, never followed. Returns what was written, counted per entry as tar
 * wrote it.
 */
export async function writeArchive(
  sourceRoot: string,
  file: GrowingFileWriter,
  options: WriteArchiveOptions = {},
): Promise<ArchiveCounts> {
  const counts = emptyCounts();
  const excluded = excludedTopLevel.map((name) => `./${name}`);
  const pack = tar.c(
    {
      cwd: sourceRoot,
      follow: false,
      maxReadSize: readBytes,
      jobs: packJobs,
      filter: (p, stat) => {
        if (excluded.some((e) => p === e || p.startsWith(`${e}/`)) || !('isFile' in stat))
          return false;
        // Hard links are stored as separate copies: tar 7.5's pack deadlocks on hard-linked
        // files (isaacs/node-tar#460) and may write a link before its target (#448). The stat
        // object handed to this filter is the one tar then uses, so nlink=1 turns the link
        // logic off. A world has no hard links that matter; every name comes back as a file.
        if (stat.isFile()) stat.nlink = 1;
        return stat.isFile() || stat.isDirectory() || stat.isSymbolicLink();
      },
      onWriteEntry: (entry) =>
        countEntry(counts, entry.type ?? '', entry.type === 'File' ? (entry.stat?.size ?? 0) : 0),
    },
    ['.'],
  );
  await pipeline(
    pack as unknown as NodeJS.ReadableStream,
    new BlockCoalescer(blockBytes, options.onTarBytes),
    createGzip({ level: gzipLevel, chunkSize: gzipChunkBytes }),
    new DiskReserveGuard(path.dirname(file.path), options.minFreeBytes ?? 0),
    file,
    ...(options.signal ? [{ signal: options.signal }] : []),
  );
  return counts;
}

/**
 * Joins tar's many small writes (512-byte headers, small files) into blocks for zlib; a piece of
 * at least half a block (a big file's read) goes on as it is, in order, without being copied.
 */
class BlockCoalescer extends Transform {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly blockSize: number,
    private readonly onBytes?: (bytes: number) => void,
  ) {
    super({ writableHighWaterMark: blockSize, readableHighWaterMark: 4 });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.onBytes?.(chunk.length);
    if (chunk.length >= this.blockSize / 2) {
      // Passed on without a copy: tar (7.5) never writes again into a buffer it has pushed (it
      // takes a fresh one once one is used up). A tar that reused them would corrupt file
      // contents that gzip's CRC would then vouch for; the round-trip tests (files over 1 MiB,
      // digests compared after a restore) are what would catch it.
      if (this.size > 0) this.flushBlock();
      this.push(chunk);
    } else {
      this.parts.push(chunk);
      this.size += chunk.length;
      if (this.size >= this.blockSize) this.flushBlock();
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.size > 0) this.flushBlock();
    callback();
  }

  private flushBlock(): void {
    this.push(Buffer.concat(this.parts, this.size));
    this.parts = [];
    this.size = 0;
  }
}

/**
 * Passes bytes through, checking free space before the first byte and every 64 MiB: a snapshot
 * must not fill the disk a running game server saves to.
 */
class DiskReserveGuard extends Transform {
  private sinceCheck = reserveCheckEvery;

  constructor(
    private readonly dir: string,
    private readonly minFreeBytes: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.sinceCheck += chunk.length;
    if (this.minFreeBytes <= 0 || this.sinceCheck < reserveCheckEvery) {
      callback(null, chunk);
      return;
    }
    this.sinceCheck = 0;
    statfs(this.dir).then(
      (fs) => {
        const free = fs.bavail * fs.bsize;
        if (free < this.minFreeBytes) callback(new DiskReserveError(free, this.minFreeBytes));
        else callback(null, chunk);
      },
      (err: Error) => callback(err),
    );
  }
}
