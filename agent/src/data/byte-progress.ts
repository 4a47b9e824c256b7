/** Progress in bytes, reported at most once per whole percent so a big archive sends ~100 frames. */
export interface ByteProgress {
  add(bytes: number): void;
  /** Sets the total when it was not known at the start; nothing is reported before it is. */
  setTotal(total: number): void;
  /** Reports 100 %. */
  done(): void;
}

export function byteProgress(
  initialTotal: number | null,
  report: (current: number, total: number, percent: number) => void,
): ByteProgress {
  let total = initialTotal;
  let current = 0;
  let lastPercent = -1;
  const emit = () => {
    if (total === null) return;
    const percent = total > 0 ? Math.min(100, Math.floor((current / total) * 100)) : 100;
    if (percent === lastPercent) return;
    lastPercent = percent;
    report(Math.min(current, total), total, percent);
  };
  return {
    add(bytes) {
      current += bytes;
      emit();
    },
    setTotal(value) {
      total = value;
      emit();
    },
    done() {
      total ??= current;
      current = total;
      emit();
    },
  };
}
