const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** "1.4 GB"-style size (powers of 1024, one decimal below 10 of a unit); exact bytes go in `title`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** "1,234 files" with the locale's digit grouping. */
export function formatFileCount(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'file' : 'files'}`;
}
