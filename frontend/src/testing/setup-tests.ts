import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi, type MockInstance } from 'vitest';
import { mockDb } from '@mocks/db';
import { server } from '@mocks/node';
import { pollingIntervals } from '@/lib/polling';
import { FetchEventSource } from './fetch-event-source';

// Operations finish in a few ticks and the UI polls fast, so a whole recreate takes well under a second.
const fastPhaseMs = 20;
pollingIntervals.active = 100;
// The suite shares 2 cores with other projects: give findBy*/waitFor room before calling it a failure.
configure({ asyncUtilTimeout: 8_000 });
// A whole flow (first render, dialog, request, operation, navigation) is several of those waits
// in a row; under load a passing flow takes ~5 s, so the per-test budget must exceed their sum,
// or vitest's 5 s default kills a test whose every step was still within its own timeout.
vi.setConfig({ testTimeout: 30_000 });

// jsdom has no EventSource: give the app one that reads the mock API's stream, so screens are
// tested the way a browser runs them — live events on, polling off. A test that wants the
// stream down stubs EventSource with undefined (or drops the connection).
beforeEach(() => {
  FetchEventSource.instances = [];
  vi.stubGlobal('EventSource', FetchEventSource);
});

let consoleError: MockInstance<typeof console.error>;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));

beforeEach(() => {
  mockDb.setOperationDelayMs(fastPhaseMs);
  // An unexpected console.error (React warnings, act() problems, crashes) fails the test.
  consoleError = vi.spyOn(console, 'error');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  server.resetHandlers();
  mockDb.reset();
  mockDb.setOperationDelayMs(fastPhaseMs);
  const calls = consoleError.mock.calls;
  consoleError.mockRestore();
  expect(calls, 'unexpected console.error').toEqual([]);
});

afterAll(() => server.close());
