/** What a tar archive holds, counted the same way when writing and when reading it back. */
export interface ArchiveCounts {
  /** Every entry: directories, links and files. */
  entryCount: number;
  /** Regular files (our archives store no hard-link entries: each name is a file). */
  fileCount: number;
  /** Bytes of those files, uncompressed. */
  totalBytes: number;
}

export function emptyCounts(): ArchiveCounts {
  return { entryCount: 0, fileCount: 0, totalBytes: 0 };
}

const fileTypes = new Set(['File', 'OldFile', 'ContiguousFile']);

/** Adds one entry of tar type `type` and file size `size`. */
export function countEntry(counts: ArchiveCounts, type: string, size: number): void {
  counts.entryCount += 1;
  if (fileTypes.has(type)) {
    counts.fileCount += 1;
    counts.totalBytes += size;
  }
}

/** The first field where two counts differ, or null when they match. */
export function countsMismatch(expected: ArchiveCounts, actual: ArchiveCounts): string | null {
  for (const key of ['entryCount', 'fileCount', 'totalBytes'] as const) {
    if (expected[key] !== actual[key])
      return `${key}: expected ${expected[key]}, found ${actual[key]}`;
  }
  return null;
}
