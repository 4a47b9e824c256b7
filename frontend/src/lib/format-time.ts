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

/** Locale date-time for a timestamp (used next to `timeAgo`). */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  dateTime ??= new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return dateTime.format(new Date(iso));
}
