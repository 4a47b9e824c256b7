import type { Readable } from 'node:stream';

/**
 * Feeds each JSON line of a Docker stream (pull progress, events) to `onLine`; chunks may split
 * lines anywhere. Resolves when the stream ends, rejects when it errors.
 */
export function readJsonLines(stream: Readable, onLine: (value: unknown) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const flush = (final: boolean) => {
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        emit(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
      }
      if (final && buffer.trim()) emit(buffer);
    };
    const emit = (line: string) => {
      const trimmed = line.trim();
      if (!trimmed) return;
      try {
        onLine(JSON.parse(trimmed));
      } catch {
        // A non-JSON line from the engine is not worth failing a pull or the event stream over.
      }
    };
    stream.on('data', (chunk: Buffer | string) => {
      buffer += chunk.toString();
      flush(false);
    });
    stream.on('end', () => {
      flush(true);
      resolve();
    });
    stream.on('close', () => resolve());
    stream.on('error', reject);
  });
}
