import pLimit from 'p-limit';

/** `fn` over `items`, at most `limit` at a time (Docker and disk calls), results in order. */
export function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const bounded = pLimit(Math.max(1, limit));
  return Promise.all(items.map((item) => bounded(() => fn(item))));
}
