import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderLifecycleTable, withLifecycleTable } from './lifecycle-doc';

describe('the lifecycle table in docs/design.md', () => {
  it('is the one rendered from contract/lifecycle.ts (npm run docs:lifecycle)', () => {
    const doc = readFileSync(new URL('../docs/design.md', import.meta.url), 'utf8');
    expect(withLifecycleTable(doc)).toBe(doc);
  });
  it('names every refusal code and the recreate routine', () => {
    const table = renderLifecycleTable();
    expect(table).toContain('409 `NO_CONTAINER`');
    expect(table).toContain('**recreate routine** · queued offline · guard: fresh-start');
  });
});
