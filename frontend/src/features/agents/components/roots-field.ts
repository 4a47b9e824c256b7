/** A textarea's lines → distinct, non-empty roots (the contract checks each one). */
export function parseRoots(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}

/** The first problem zod found per field (its first path segment); a list item names its line. */
export function firstIssues(
  issues: { path: PropertyKey[]; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? 'form');
    const line = typeof issue.path[1] === 'number' ? `line ${issue.path[1] + 1}: ` : '';
    out[key] ??= `${line}${issue.message}`;
  }
  return out;
}
