/**
 * A small EventSource for jsdom (which has none) that reads `text/event-stream` through fetch,
 * so tests get the mock API's real stream through MSW. Like a browser it reports `open`, then
 * one MessageEvent per frame, and `error` with readyState CLOSED when the stream is refused or
 * ends (the app's own back-off then reconnects). The real EventSource is covered by e2e.
 */
export class FetchEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FetchEventSource[] = [];

  readyState = FetchEventSource.CONNECTING;
  readonly url: string;
  private readonly abort = new AbortController();

  constructor(url: URL | string) {
    super();
    this.url = String(url);
    FetchEventSource.instances.push(this);
    void this.run();
  }

  /** The newest instance (the app's current connection). */
  static get last(): FetchEventSource {
    const last = FetchEventSource.instances.at(-1);
    if (!last) throw new Error('no EventSource was opened');
    return last;
  }

  /** Test hook: the connection breaks (the manager restarted, a proxy timed out). */
  drop(): void {
    this.close();
    this.dispatchEvent(new Event('error'));
  }

  close(): void {
    this.readyState = FetchEventSource.CLOSED;
    // Not `reader.cancel()`: under msw + undici it never settles; aborting the fetch does.
    this.abort.abort();
  }

  private async run(): Promise<void> {
    try {
      const response = await fetch(this.url, { signal: this.abort.signal });
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || !type.startsWith('text/event-stream') || !response.body)
        return this.fail();
      this.readyState = FetchEventSource.OPEN;
      this.dispatchEvent(new Event('open'));
      await this.read(response.body);
      this.fail();
    } catch {
      this.fail();
    }
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done || this.readyState === FetchEventSource.CLOSED) return;
      buffer += decoder.decode(value, { stream: true });
      const frames = buffer.split('\n\n');
      buffer = frames.pop() ?? '';
      for (const frame of frames) this.dispatchFrame(frame);
    }
  }

  private dispatchFrame(frame: string): void {
    const name = /^event: ?(.*)$/m.exec(frame)?.[1] ?? 'message';
    const data = [...frame.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join('\n');
    if (data !== '') this.dispatchEvent(new MessageEvent(name, { data }));
  }

  private fail(): void {
    if (this.readyState === FetchEventSource.CLOSED && this.abort.signal.aborted) return;
    this.readyState = FetchEventSource.CLOSED;
    this.dispatchEvent(new Event('error'));
  }
}
