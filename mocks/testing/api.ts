import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { z } from 'zod/mini';
import { ApiErrorBody } from '@contract/errors';
import type { Role } from '@contract/http/auth';
import { OperationResponse, type Operation } from '@contract/http/operations';
import { apiPaths } from '@contract/http/paths';
import { mockDb } from '../db';
import { server } from '../node';

const origin = 'http://localhost';

/** Starts the MSW node server for a test file; every test starts from the fixtures, signed in as `role`. */
export function useMockApi(role: Role | null = 'operator'): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    mockDb.reset();
    mockDb.setOperationDelayMs(10);
    if (role) mockDb.signInAs(role);
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

/** Sends a request and parses the body with `schema`: a response the contract forbids fails the test. */
export async function send<S extends z.ZodMiniType>(
  schema: S,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: z.infer<S> }> {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const json: unknown = text === '' ? undefined : JSON.parse(text);
  return { status: response.status, body: schema.parse(json) };
}

/** Sends a request that must be refused; returns the status and the parsed `{error}`. */
export async function sendRefused(method: string, path: string, body?: unknown) {
  const { status, body: parsed } = await send(ApiErrorBody, method, path, body);
  return { status, error: parsed.error };
}

/** Polls GET /api/operations/:id until the operation has ended. */
export async function waitForOperationEnd(
  operationId: string,
  timeoutMs = 3000,
): Promise<Operation> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await send(OperationResponse, 'GET', apiPaths.operation(operationId));
    if (!['queued', 'running'].includes(body.operation.state)) return body.operation;
    if (Date.now() > deadline)
      throw new Error(`operation ${operationId} still ${body.operation.state}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Schema for a 204 (no body). */
export const NoBody = z.undefined();
