import {
  HttpResponse,
  type DefaultBodyType,
  type HttpResponseResolver,
  type PathParams,
} from 'msw';
import type { z } from 'zod/mini';
import { EntityId, pathIdEntity, type PathIdName } from '@contract/common';
import { httpStatusForCode, type ApiErrorBody } from '@contract/errors';
import type { Role, User } from '@contract/http/auth';
import { mockDb } from '../db';
import {
  ForbiddenError,
  MockApiError,
  NotFoundError,
  UnauthenticatedError,
  ValidationFailedError,
} from '../store/errors';

/** A handler's response body: the success shape or the one error shape. */
export type Reply<T extends DefaultBodyType> = T | ApiErrorBody;

/** `*` + a contract path, so a handler matches any origin (jsdom's localhost, the vite dev server). */
export const route = (path: string) => `*${path}`;

/** The error response for a refused request; the contract maps each code to its HTTP status. */
export function errorResponse(error: MockApiError): HttpResponse<ApiErrorBody> {
  const body: ApiErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    },
  };
  return HttpResponse.json<ApiErrorBody>(body, { status: httpStatusForCode[error.code] });
}

type Resolver<P extends PathParams, B extends DefaultBodyType, R extends DefaultBodyType> = (
  info: Parameters<HttpResponseResolver<P, B, R>>[0],
) => HttpResponse<R> | Promise<HttpResponse<R>>;

/** Wraps a resolver so any MockApiError it throws becomes its `{error}` response. */
export function guarded<P extends PathParams, B extends DefaultBodyType, R extends DefaultBodyType>(
  resolver: Resolver<P, B, R>,
): HttpResponseResolver<P, B, Reply<R>> {
  const wrapped = async (info: Parameters<HttpResponseResolver<P, B, R>>[0]) => {
    try {
      return await resolver(info);
    } catch (error) {
      if (error instanceof MockApiError) return errorResponse(error);
      throw error;
    }
  };
  // MSW's conditional return type cannot be resolved for a generic R; the resolver's own type
  // (HttpResponse<R>) is what keeps each handler honest, checked at every call site.
  return wrapped as HttpResponseResolver<P, B, Reply<R>>;
}

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** The signed-in user; 401 without a session, 403 when the role is below `minimum`. */
export function requireUser(minimum: Role = 'viewer'): User {
  const user = mockDb.currentUser();
  if (!user) throw new UnauthenticatedError();
  if (rank[user.role] < rank[minimum]) {
    throw new ForbiddenError(`This needs the ${minimum} role; you are signed in as ${user.role}`, {
      required: minimum,
    });
  }
  return user;
}

function validationError(message: string, error: z.core.$ZodError): ValidationFailedError {
  const issues = error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  return new ValidationFailedError(
    `${message}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
    {
      issues,
    },
  );
}

/** Path ids checked against the contract's EntityId: junk names nothing, so it is a 404. */
export function ids<K extends PathIdName>(params: PathParams<K>, keys: K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const parsed = EntityId.safeParse(params[key]);
    if (!parsed.success) throw new NotFoundError(`${pathIdEntity[key]} not found`);
    out[key] = parsed.data;
  }
  return out;
}

/** The JSON body parsed with its contract schema (an empty body counts as `{}`). */
export async function readBody<S extends z.ZodMiniType>(
  request: Request,
  schema: S,
): Promise<z.infer<S>> {
  const text = await request.text();
  let json: unknown = {};
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ValidationFailedError('The request body is not valid JSON');
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw validationError('Invalid request body', parsed.error);
  return parsed.data;
}

/** The query string parsed with its contract schema. */
export function readQuery<S extends z.ZodMiniType>(request: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError('Invalid query', parsed.error);
  return parsed.data;
}
