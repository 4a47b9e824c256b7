import { createReadStream } from 'node:fs';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar';
import type { ReadEntry } from 'tar';
import { archiveEntryChecker } from './archive-entry-policy';
import { type ArchiveCounts, countEntry, emptyCounts } from './archive-counts';

/** The archive holds an entry that must never be restored; nothing was written for it. */
export class UnsafeArchiveEntryError extends Error {}

export interface ReadArchiveOptions {
  /** Compressed bytes read so far (progress). */
  onArchiveBytes?: (bytes: number) => void;
}

const readBytes = 1024 * 1024;

/**
 * Reads a gzip'd tar (a file, or a stream of one) to its end and counts its entries, refusing it
 * at the first entry that archiveEntryChecker rejects. Rejects on a truncated or corrupt archive
 * (gzip's own checksum and tar's header checksums are checked on the way).
 */
export function listArchive(
  file: string | Readable,
  options: ReadArchiveOptions = {},
): Promise<ArchiveCounts> {
  return readInto(file, options, (hooks) => new tar.Parser({ strict: true, ...hooks }), 'end');
}

/**
 * Extracts a gzip'd tar into the existing, empty folder `into` under the same rule: the first
 * unsafe entry aborts everything (the caller discards `into`). Owners, modes and mtimes are
 * restored as archived.
 */
export function extractArchive(
  file: string,
  into: string,
  options: ReadArchiveOptions = {},
): Promise<ArchiveCounts> {
  return readInto(
    file,
    options,
    (hooks) =>
      new tar.Unpack({
        cwd: into,
        strict: true,
        chmod: true,
        // Modes exactly as archived (the umask is not ours to apply to a world being put back).
        processUmask: 0,
        ...hooks,
      }),
    'close',
  );
}

function readInto(
  file: string | Readable,
  options: ReadArchiveOptions,
  makeSink: (hooks: SinkHooks) => tar.Parser,
  doneEvent: 'end' | 'close',
): Promise<ArchiveCounts> {
  const counts = emptyCounts();
  const entryProblem = archiveEntryChecker();
  return new Promise<ArchiveCounts>((resolve, reject) => {
    let failed = false;
    const source =
      typeof file === 'string' ? createReadStream(file, { highWaterMark: readBytes }) : file;
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      source.destroy();
      gunzip.destroy();
      reject(err);
    };
    const sink = makeSink({
      // Runs on each header before anything is done with the entry: an unsafe one is never
      // written, and it stops the whole read.
      filter: (_path, entry) => {
        const { path, type, linkpath } = entry as ReadEntry;
        const problem = entryProblem({ path, type, linkpath });
        if (!problem) return true;
        sink.abort(new UnsafeArchiveEntryError(`unsafe archive entry: ${problem}`));
        return false;
      },
      onReadEntry: (entry) => {
        countEntry(counts, entry.type, entry.size ?? 0);
        // A plain parser must drain each body to reach the next header; Unpack writes it out.
        if (!(sink instanceof tar.Unpack)) entry.resume();
      },
    });
    source.on('error', fail);
    gunzip.on('error', fail);
    sink.on('error', fail);
    sink.on(doneEvent, () => {
      if (!failed) resolve(counts);
    });
    const counter = new ByteCounter(options.onArchiveBytes);
    counter.on('error', fail);
    source
      .pipe(counter)
      .pipe(gunzip)
      .pipe(sink as unknown as NodeJS.WritableStream);
  });
}

interface SinkHooks {
  filter: (path: string, entry: unknown) => boolean;
  onReadEntry: (entry: ReadEntry) => void;
}

class ByteCounter extends Transform {
  constructor(private readonly onBytes?: (bytes: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.onBytes?.(chunk.length);
    callback(null, chunk);
  }
}
