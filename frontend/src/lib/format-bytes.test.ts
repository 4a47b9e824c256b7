import { describe, expect, it } from 'vitest';
import { formatBytes, formatFileCount } from './format-bytes';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [1536, '1.5 KB'],
    [10 * 1024, '10 KB'],
    [5.25 * 1024 ** 3, '5.3 GB'],
    [3 * 1024 ** 5, '3072 TB'],
  ])('%d bytes → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('formatFileCount', () => {
  it('groups digits and agrees in number', () => {
    expect(formatFileCount(1)).toBe('1 file');
    expect(formatFileCount(12345)).toBe('12,345 files');
  });
});
