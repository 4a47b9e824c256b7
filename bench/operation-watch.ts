import { LiveEvent, liveEventsPath } from '../contract/events';
import type { Operation } from '../contract/http/operations';
import type { ManagerProcess } from './manager-process';

const endStates = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Operation ends as the dashboard learns them: from the manager's live event stream. Polling
 * `GET /api/operations/{id}` every few ms instead would burn a core of the 2-core bench machine in
 * the bench and the manager while Docker starts the container, and the ratio would measure that.
 */
export interface OperationWatch {
  /** Resolves when the operation succeeded; rejects when it failed or was cancelled. */
  ended(operationId: string, limitMs?: number): Promise<void>;
  close(): void;
}

/** Subscribes at once: an operation that ends after this call returns is never missed. */
export async function watchOperations(m: ManagerProcess): Promise<OperationWatch> {
  const abort = new AbortController();
  const res = await fetch(m.url + liveEventsPath, {
    headers: { cookie: m.admin.cookie! },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`live events: HTTP ${res.status}`);
  const seen = new Map<string, Operation>();
  const waiters = new Map<string, () => void>();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let connected!: () => void;
  const subscribed = new Promise<void>((resolve) => (connected = resolve));
  const read = async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += value;
      if (buffered.includes(': connected')) connected();
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const frame = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (!data) continue;
        const event = LiveEvent.parse(JSON.parse(data));
        if (event.type !== 'operation.updated' || !endStates.has(event.operation.state)) continue;
        seen.set(event.operation.id, event.operation);
        waiters.get(event.operation.id)?.();
      }
    }
  };
  const reading = read().catch(() => undefined);
  await subscribed;
  return {
    async ended(operationId, limitMs = 60_000) {
      if (!seen.has(operationId)) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => waiters.set(operationId, resolve)),
          reading.then(() => {
            throw new Error('live event stream ended');
          }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('timed out')), limitMs);
          }),
        ]).finally(() => {
          clearTimeout(timer);
          waiters.delete(operationId);
        });
      }
      const op = seen.get(operationId)!;
      if (op.state !== 'succeeded')
        throw new Error(`operation ${op.state}: ${JSON.stringify(op.error)}`);
    },
    close() {
      abort.abort();
    },
  };
}
