import { ApiErrorBody, type HttpErrorCode } from '@contract/errors';
import type { z } from 'zod/mini';

/** A refused request: the manager's `{error:{code,message,details}}` plus the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: HttpErrorCode | 'NETWORK' | 'BAD_RESPONSE',
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The one way the UI turns any thrown value into words for the user. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong';
}

export function isApiError(err: unknown, code?: HttpErrorCode): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

let onUnauthenticated: () => void = () => {};

/** The app registers what a 401 does (drop the session so the router shows the login page). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Login and `me` handle 401 themselves; everything else sends the user to the login page. */
  skipUnauthenticatedRedirect?: boolean;
};

// jsdom and node fetch need absolute URLs; in the browser this is the page's own origin.
const toUrl = (path: string) => new URL(path, window.location.origin).toString();

async function readError(res: Response): Promise<ApiError> {
  const json: unknown = await res.json().catch(() => null);
  const parsed = ApiErrorBody.safeParse(json);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(code, message, res.status, details);
  }
  return new ApiError(
    'BAD_RESPONSE',
    `Request failed (${res.status} ${res.statusText})`,
    res.status,
  );
}

/**
 * Sends a request to the ZedOps API: the response when it is a success, else the refusal as an
 * `ApiError` (a 401 also signs the user out unless told otherwise). Split from `readReply` so a
 * request can go out before the code that reads its reply has loaded (see page-prefetch.ts).
 */
export async function sendRequest(path: string, options: RequestOptions = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(toUrl(path), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: options.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError('NETWORK', 'Cannot reach the ZedOps manager — check your connection', 0);
  }
  if (!res.ok) {
    const error = await readError(res);
    if (res.status === 401 && !options.skipUnauthenticatedRedirect) onUnauthenticated();
    throw error;
  }
  return res;
}

/** A successful response's JSON body (`undefined` when it is not JSON). */
export const readJson = (res: Response): Promise<unknown> => res.json().catch(() => undefined);

/** A reply's body parsed with the contract schema. */
export function parseReply<S extends z.ZodMiniType>(
  body: unknown,
  schema: S,
  status: number,
): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ApiError(
      'BAD_RESPONSE',
      'The manager sent a reply this dashboard does not understand',
      status,
    );
  return parsed.data;
}

/** A successful response parsed with the contract schema (`null` for 204). */
export async function readReply<S extends z.ZodMiniType>(
  res: Response,
  schema: S | null,
): Promise<z.infer<S>> {
  if (schema === null || res.status === 204) return null as z.infer<S>;
  return parseReply(await readJson(res), schema, res.status);
}

/** Calls the ZedOps API and parses the reply with the contract schema (`null` for 204). */
export async function apiRequest<S extends z.ZodMiniType>(
  path: string,
  schema: S | null,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  return readReply(await sendRequest(path, options), schema);
}
