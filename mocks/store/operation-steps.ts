import type { OperationProgress } from '@contract/http/operations';
import type { OperationPlan } from './state';

/** One phase of a running operation; `weight` scales the store's per-phase delay. */
export interface OperationStep {
  progress: OperationProgress;
  weight: number;
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

/** The phases each kind of work goes through, in order. */
export function stepsFor(effect: OperationPlan['effect']): OperationStep[] {
  switch (effect) {
    case 'routine':
    case 'create':
      return [
        step('checking-data', 'Checking world data', 0.6),
        ...pulling,
        step('creating', 'Creating container', 0.6),
        step('starting', 'Starting container', 0.6),
      ];
    case 'replace':
      return [
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
    case 'purge':
      return [step('removing', 'Removing container')];
  }
}

/** Index of the step at which an injected failure strikes (mid-pull for image work). */
export function failureStepIndex(steps: OperationStep[]): number {
  const firstPull = steps.findIndex((s) => s.progress.phase === 'pulling');
  return firstPull >= 0 ? firstPull + 2 : 0;
}
