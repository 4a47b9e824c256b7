import { mockDb } from './db';
import type { MockState } from './store/state';

const storageKey = 'zedops-mock-state-v4';

/**
 * Keeps the mock store in sessionStorage so a page reload keeps the login and every change
 * (a new tab starts from the fixtures). Writes are batched into one per tick.
 */
export function persistToSessionStorage(storage: Storage = window.sessionStorage): void {
  const saved = storage.getItem(storageKey);
  if (saved) {
    try {
      mockDb.hydrate(JSON.parse(saved) as MockState);
    } catch (error) {
      console.warn('[mocks] ignoring unreadable saved state', error);
      storage.removeItem(storageKey);
    }
  }
  let pending = false;
  mockDb.onChange(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      storage.setItem(storageKey, JSON.stringify(mockDb.snapshot()));
    });
  });
}

/** Forgets the saved state (back to the fixtures on the next load). */
export function clearPersistedState(storage: Storage = window.sessionStorage): void {
  storage.removeItem(storageKey);
}
