import type { Operation } from '@contract/http/operations';

/**
 * A tiny bus: whoever starts an operation announces it here, and the operation tracker
 * (mounted once by the app) follows it to the end and reports the outcome.
 * It lets features cooperate without importing each other.
 */
type Listener = (operation: Operation) => void;
const listeners = new Set<Listener>();

/** Announce an operation the user just started. */
export function watchOperation(operation: Operation): void {
  for (const listener of listeners) listener(operation);
}

/** Listen for started operations; returns the unsubscribe function. */
export function onOperationStarted(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
