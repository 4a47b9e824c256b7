/** "3 min ago"-style wording for a past ISO timestamp; exact time stays available in `title`. */
export function timeAgo(iso: string | null, now: number = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

// What `Date.prototype.toLocaleString()` shows (the same fields), built once: toLocaleString
// sets up a formatter on every call, a few ms each — a screen of cards paid it per card.
let dateTime: Intl.DateTimeFormat | undefined;

const dateTimeFormat = () =>
  (dateTime ??= new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }));

/**
 * Builds the formatter ahead of the first `formatDateTime`. The first one costs Chromium about
 * a quarter of a second (it loads the locale's ICU data): a page that will show dates calls this
 * while its data is still on the network, instead of paying it in its first render.
 */
export function prepareDateTimeFormat(): void {
  dateTimeFormat();
}

/**
 * The same, in the browser's next idle moment (a page that opens waiting for its data calls it
 * on mount: the formatter is built while the page waits, not when the data is in).
 */
export function prepareDateTimeFormatWhenIdle(): () => void {
  if (typeof requestIdleCallback !== 'function') return () => {};
  const id = requestIdleCallback(prepareDateTimeFormat, { timeout: 1_000 });
  return () => cancelIdleCallback(id);
}

/** Locale date-time for a timestamp (used next to `timeAgo`). */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  return dateTimeFormat().format(new Date(iso));
}
