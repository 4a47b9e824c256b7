/**
 * An EventSource the test drives by hand: `open()`, `emit(type, data)`, `fail()`. For unit
 * tests of the stream handling; `FetchEventSource` reads the mock API's real stream instead.
 */
export class ScriptedEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: ScriptedEventSource[] = [];
  static get last(): ScriptedEventSource {
    const last = ScriptedEventSource.instances.at(-1);
    if (!last) throw new Error('no EventSource was opened');
    return last;
  }

  readyState = ScriptedEventSource.CONNECTING;

  constructor(readonly url: URL | string) {
    super();
    ScriptedEventSource.instances.push(this);
  }

  open(): void {
    this.readyState = ScriptedEventSource.OPEN;
    this.dispatchEvent(new Event('open'));
  }

  /** Delivers one frame `event: type` / `data: data` (objects are JSON-encoded). */
  emit(type: string, data: unknown): void {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    this.dispatchEvent(new MessageEvent(type, { data: text }));
  }

  /** The connection broke (`closed: false`, EventSource retries) or was refused (`closed: true`). */
  fail({ closed }: { closed: boolean }): void {
    this.readyState = closed ? ScriptedEventSource.CLOSED : ScriptedEventSource.CONNECTING;
    this.dispatchEvent(new Event('error'));
  }

  close(): void {
    this.readyState = ScriptedEventSource.CLOSED;
  }
}
