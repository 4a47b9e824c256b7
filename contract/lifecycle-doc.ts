import { lifecycleActions, lifecycleRows, lifecycleTable, type LifecycleCell } from './lifecycle';

/** Markers around the generated table in docs/design.md. */
export const lifecycleDocMarkers = {
  start: '<!-- lifecycle-table:start (npm run docs:lifecycle) -->',
  end: '<!-- lifecycle-table:end -->',
} as const;

function describeCell(cell: LifecycleCell): string {
  if (!cell.allowed) return `409 \`${cell.code}\``;
  const parts: string[] = [cell.route === 'recreate' ? '**recreate routine**' : cell.route];
  if (cell.whenOffline === 'queue') parts.push('queued offline');
  if (cell.dataGuards.length > 0) parts.push(`guard: ${cell.dataGuards.join(' + ')}`);
  if (cell.image) parts.push(cell.image === 'pinned' ? 'pinned image' : 'pulls the tag');
  if (cell.role === 'admin') parts.push('admin');
  return parts.join(' · ');
}

/** The lifecycle table as Markdown: one row per status (and drifted status), one column per action. */
export function renderLifecycleTable(): string {
  const header = `| status | ${lifecycleActions.join(' | ')} |`;
  const rule = `| --- | ${lifecycleActions.map(() => '---').join(' | ')} |`;
  const rows = lifecycleRows.map(
    (row) =>
      `| ${row} | ${lifecycleActions.map((a) => describeCell(lifecycleTable[row][a])).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

/** Replace the text between the markers of `doc` with the rendered table. */
export function withLifecycleTable(doc: string): string {
  const start = doc.indexOf(lifecycleDocMarkers.start);
  const end = doc.indexOf(lifecycleDocMarkers.end);
  if (start < 0 || end < start) throw new Error('lifecycle table markers not found');
  const before = doc.slice(0, start + lifecycleDocMarkers.start.length);
  return `${before}\n\n${renderLifecycleTable()}\n\n${doc.slice(end)}`;
}
