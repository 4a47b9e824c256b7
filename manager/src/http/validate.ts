import { EntityId, pathIdEntity, type PathIdName } from '@contract/common';
import type { z } from 'zod/mini';
import { NotFoundError, ValidationError } from '../domain/errors';
import type { AppContext } from './app-env';

/** Issues as `{path, message}` for the error details (never the raw input). */
function describe(error: z.core.$ZodError): { issues: { path: string; message: string }[] } {
  return {
    issues: error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
  };
}

/** Parse a JSON body with a contract schema; an empty body counts as `{}`. */
export async function readBody<S extends z.ZodMiniType>(
  c: AppContext,
  schema: S,
): Promise<z.infer<S>> {
  const text = await c.req.text();
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ValidationError('Request body is not valid JSON');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new ValidationError(firstMessage(parsed.error), describe(parsed.error));
  return parsed.data;
}

/** Parse the query string with a strict contract schema (unknown parameters are refused). */
export function readQuery<S extends z.ZodMiniType>(c: AppContext, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(c.req.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success)
    throw new ValidationError(firstMessage(parsed.error), describe(parsed.error));
  return parsed.data;
}

/** A path id; anything that is not a well-formed id cannot name an existing entity → 404. */
export function readId(c: AppContext, name: PathIdName): string {
  const parsed = EntityId.safeParse(c.req.param(name));
  if (!parsed.success) throw new NotFoundError(pathIdEntity[name]);
  return parsed.data;
}

function firstMessage(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
