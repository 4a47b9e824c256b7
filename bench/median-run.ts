/**
 * Runs a benchmark `times` times, one after the other, and returns the run whose `headline` is
 * the median (a run that never got there counts as the slowest), with every run's headline in
 * the order they came, and every run (a failure in any of them must not hide behind the
 * median). One run of a target row swings by a fifth either way on this shared
 * 2-core machine (docs/decisions/0110-bench-median-of-three.md): the median of three says where
 * the figure sits, and the runs show how far it moves.
 */
export async function medianRun<T>(
  times: number,
  run: () => Promise<T>,
  headline: (result: T) => number | null,
): Promise<{ median: T; all: T[]; headlines: (number | null)[] }> {
  const results: T[] = [];
  for (let i = 0; i < times; i++) results.push(await run());
  const rank = (r: T) => headline(r) ?? Number.POSITIVE_INFINITY;
  const sorted = [...results].sort((a, b) => rank(a) - rank(b));
  return {
    median: sorted[Math.floor((sorted.length - 1) / 2)]!,
    all: results,
    headlines: results.map(headline),
  };
}

/** ` (median of 3 runs: 547 ms, 498 ms, 512 ms)`, or nothing for a single run. */
export function runsNote(headlines: (number | null)[]): string {
  if (headlines.length < 2) return '';
  const figures = headlines.map((h) => (h === null ? 'never' : `${h.toFixed(0)} ms`));
  return ` (median of ${headlines.length} runs: ${figures.join(', ')})`;
}
