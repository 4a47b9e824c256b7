import type { OperationProgress } from '@contract/http/operations';
import type { OperationPlan } from './state';

/**
 * What happens as a step is entered: the recreate routine's live data check, the automatic or
 * manual snapshot starting / read back, a rollback's restore.
 */
export type StepHook = 'check-data' | 'snapshot-begin' | 'snapshot-done';

/** One phase of a running operation; `weight` scales the store's per-phase delay. */
export interface OperationStep {
  progress: OperationProgress;
  weight: number;
  hook?: StepHook;
}

const imageSize = 812_000_000;
const pulling = [0, 25, 50, 75, 100].map((percent): OperationStep => ({
  progress: {
    phase: 'pulling',
    message: `Pulling image (${percent}%)`,
    percent,
    current: Math.round((imageSize * percent) / 100),
    total: imageSize,
  },
  weight: 0.3,
}));

const step = (phase: OperationProgress['phase'], message: string, weight = 1): OperationStep => ({
  progress: { phase, message },
  weight,
});

const worldBytes = 734_003_200;
/** Bytes done / total, as the agent's progress frames report them. */
const byteSteps = (phase: 'snapshotting' | 'restoring', verb: string): OperationStep[] =>
  [0, 25, 50, 75, 100].map((percent) => ({
    progress: {
      phase,
      message: `${verb} (${percent}%)`,
      percent,
      current: Math.round((worldBytes * percent) / 100),
      total: worldBytes,
    },
    weight: 0.2,
  }));

/** The snapshot phases: begins (record `creating`), streams, then is read back (`ready`). */
function snapshotSteps(): OperationStep[] {
  const [first, ...rest] = byteSteps('snapshotting', 'Archiving the world');
  return [
    { ...first!, hook: 'snapshot-begin' },
    ...rest,
    { progress: { phase: 'snapshotting', message: 'Reading the archive back' }, weight: 0.2 },
    {
      progress: { phase: 'snapshotting', message: 'Snapshot verified' },
      weight: 0,
      hook: 'snapshot-done',
    },
  ];
}

/** The phases each kind of work goes through, in order (the snapshot ones when the plan takes one). */
export function stepsFor(plan: OperationPlan): OperationStep[] {
  const snapshot = plan.snapshot ? snapshotSteps() : [];
  switch (plan.effect) {
    case 'routine':
    case 'create':
      return [
        step('checking-data', 'Checking world data', 0.6),
        // Entering this step is the live check of the recreate routine: it decides the guards and
        // the snapshot (a first create has neither).
        {
          ...step('checking-data', 'Checking world data', 0),
          ...(plan.effect === 'routine' ? { hook: 'check-data' as const } : {}),
        },
        ...snapshot,
        ...pulling,
        step('creating', 'Creating container', 0.6),
        step('starting', 'Starting container', 0.6),
      ];
    case 'snapshot':
      return snapshotSteps();
    case 'rollback':
      return [
        ...(plan.wasRunning ? [step('stopping', 'Stopping container', 0.5)] : []),
        ...snapshot,
        ...byteSteps('restoring', 'Restoring the snapshot'),
        ...(plan.wasRunning ? [step('starting', 'Starting container', 0.5)] : []),
      ];
    case 'replace':
      return [
        ...snapshot,
        ...pulling,
        step('removing', 'Removing old container', 0.5),
        step('creating', 'Creating container', 0.5),
        step('starting', 'Starting container', 0.5),
      ];
    case 'start':
      return [step('starting', 'Starting container')];
    case 'stop':
      return [step('stopping', 'Stopping container')];
    case 'restart':
      return [
        step('stopping', 'Stopping container', 0.5),
        step('starting', 'Starting container', 0.5),
      ];
    case 'delete':
      return [step('removing', 'Removing container')];
    case 'purge':
      return [...snapshot, step('removing', 'Removing container')];
  }
}

/** Index of the step at which an injected failure strikes (mid-pull for image work). */
export function failureStepIndex(steps: OperationStep[]): number {
  const firstPull = steps.findIndex((s) => s.progress.phase === 'pulling');
  return firstPull >= 0 ? firstPull + 2 : 0;
}
