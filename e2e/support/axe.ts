import { createRequire } from 'node:module';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { stackEnv } from './stack-env';

// The npm package itself, injected into the page: no wrapper library between the rules and us.
// Evaluated over the DevTools protocol rather than added as a <script>: the dashboard's
// Content-Security-Policy (script-src 'self') stays on while axe looks at the page.
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeViolation {
  id: string;
  impact: Impact | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

export interface AxeScan {
  screen: string;
  /** Violations that fail the spec (serious or critical). */
  blocking: AxeViolation[];
  /** Reported, not failing (moderate or minor). */
  reported: AxeViolation[];
  counts: Record<Impact, number>;
  /** Elements whose contrast axe could not decide (text over an image or a gradient). */
  contrastUndecided: number;
}

const blockingImpacts: ReadonlySet<string> = new Set(['serious', 'critical']);

/** One line per violation: rule, impact, how many elements, and the first few selectors. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const targets = v.nodes.slice(0, 4).map((n) => n.target.join(' '));
      return `  ${v.impact ?? 'unknown'} ${v.id} ×${v.nodes.length}: ${v.help}\n    ${targets.join('\n    ')}`;
    })
    .join('\n');
}

/**
 * Runs axe-core on the page as it is now — every rule it enables by default (WCAG 2.x A/AA and
 * best practices) plus WCAG 2.2's target size, which axe leaves off by default — prints what
 * it found and appends a summary line to the run's artifacts.
 */
export async function scanWithAxe(page: Page, screen: string): Promise<AxeScan> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const { violations, contrastUndecided } = await page.evaluate(async () => {
    type Axe = { run: (context: Document, options: object) => Promise<unknown> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const options = { rules: { 'target-size': { enabled: true } } };
    type Result = { violations: AxeViolation[]; incomplete: AxeViolation[] };
    const result = (await axe.run(document, options)) as Result;
    return {
      violations: result.violations.map(({ id, impact, help, nodes }) => ({
        id,
        impact,
        help,
        nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
      })),
      contrastUndecided:
        result.incomplete.find((r) => r.id === 'color-contrast')?.nodes.length ?? 0,
    };
  });
  const counts: Record<Impact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const v of violations) if (v.impact) counts[v.impact] += v.nodes.length;
  const scan: AxeScan = {
    screen,
    blocking: violations.filter((v) => blockingImpacts.has(v.impact ?? '')),
    reported: violations.filter((v) => !blockingImpacts.has(v.impact ?? '')),
    counts,
    contrastUndecided,
  };
  const line = `axe ${screen}: critical ${counts.critical}, serious ${counts.serious}, moderate ${counts.moderate}, minor ${counts.minor} (contrast undecided: ${contrastUndecided})`;
  console.log(violations.length > 0 ? `${line}\n${describeViolations(violations)}` : line);
  appendFileSync(path.join(stackEnv.artifactsDir, 'axe-summary.txt'), `${line}\n`);
  return scan;
}
