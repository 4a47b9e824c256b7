import { describe, expect, it } from 'vitest';
import { formatDateTime } from './format-time';

describe('formatDateTime', () => {
  it('shows what toLocaleString shows, for any time', () => {
    for (const iso of [
      '2026-11-29T05:26:58.288Z',
      '2026-01-01T00:00:00.000Z',
      '2026-06-30T23:59:59.999+02:00',
      '1999-12-31T12:00:00Z',
    ])
      expect(formatDateTime(iso)).toBe(new Date(iso).toLocaleString());
  });

  it('shows a dash for no time', () => {
    expect(formatDateTime(null)).toBe('—');
  });
});
