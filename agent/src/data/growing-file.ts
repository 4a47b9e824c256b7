import { type FileHandle, open } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';

/**
 * Writes a stream to a new file (mode 0600), counting the bytes that reached it, and fsyncs
 * it before finishing — so "finished" means "on disk", and a reader can follow it while it grows.
 */
export class GrowingFileWriter extends Writable {
  /** Bytes handed to the file so far (written by write(2), readable through another descriptor). */
  written = 0;
  private handle: FileHandle | null = null;

  constructor(readonly path: string) {
    super({ highWaterMark: 1024 * 1024 });
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.path, 'w', 0o600).then(
      (handle) => {
        this.handle = handle;
        callback();
      },
      (err: Error) => callback(err),
    );
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.writeAll(chunk).then(() => {
      this.written += chunk.length;
      this.emit('written', this.written);
      callback();
    }, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    (this.handle as FileHandle).sync().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const handle = this.handle;
    this.handle = null;
    if (!handle) return callback(error);
    handle.close().then(
      () => callback(error),
      () => callback(error),
    );
  }

  private async writeAll(chunk: Buffer): Promise<void> {
    for (let at = 0; at < chunk.length;) {
      at += (await (this.handle as FileHandle).write(chunk, at, chunk.length - at)).bytesWritten;
    }
  }
}

/**
 * Reads `writer`'s file through its own descriptor as it grows, ending when the writer has
 * finished (written and fsynced) and every byte was read; failing when the writer fails. This is
 * reading the archive back from the file, done alongside the writing instead of after it.
 */
export function followGrowingFile(writer: GrowingFileWriter, chunkBytes = 1024 * 1024): Readable {
  let handle: FileHandle | null = null;
  let position = 0;
  return new Readable({
    async construct(callback) {
      try {
        // The writer creates the file; wait until it exists (or failed to).
        if (!writer.written && !writer.writableFinished) await nextChange(writer);
        handle = await open(writer.path, 'r');
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
    async read() {
      try {
        for (;;) {
          if (writer.errored) throw new Error(`archive writer failed: ${writer.errored.message}`);
          if (writer.destroyed && !writer.writableFinished)
            throw new Error('archive writer stopped');
          if (position < writer.written) {
            const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, writer.written - position));
            const { bytesRead } = await (handle as FileHandle).read(
              buffer,
              0,
              buffer.length,
              position,
            );
            if (bytesRead === 0) throw new Error('archive shrank while it was read back');
            position += bytesRead;
            this.push(buffer.subarray(0, bytesRead));
            return;
          }
          if (writer.writableFinished) {
            this.push(null);
            return;
          }
          await nextChange(writer);
        }
      } catch (err) {
        this.destroy(err as Error);
      }
    },
    destroy(error, callback) {
      const h = handle;
      handle = null;
      if (!h) return callback(error);
      h.close().then(
        () => callback(error),
        () => callback(error),
      );
    },
  });
}

/**
 * Resolves on the writer's next write, finish, error or close. Plain listeners, removed together:
 * this runs once per piece written, and aborting `events.once` would build three AbortErrors
 * (with stack traces) each time.
 */
function nextChange(writer: GrowingFileWriter): Promise<void> {
  const events = ['written', 'finish', 'error', 'close'];
  return new Promise((resolve) => {
    const changed = () => {
      for (const event of events) writer.off(event, changed);
      resolve();
    };
    for (const event of events) writer.on(event, changed);
  });
}
