import { z } from './zod';

/** ISO-8601 timestamp string, the one timestamp convention everywhere. */
export const Timestamp = z.iso.datetime({ offset: true });
export type Timestamp = z.infer<typeof Timestamp>;

/** Entity ids are opaque strings (UUIDs in the manager); bounded so junk is refused early. */
export const EntityId = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'invalid id'));
export type EntityId = z.infer<typeof EntityId>;

/**
 * What each id in a path names. An id that is not well-formed cannot name an existing entity, so
 * the manager and the mocks answer it as they answer an unknown one: 404 "<Entity> not found".
 */
export const pathIdEntity = {
  agentId: 'Agent',
  serverId: 'Server',
  operationId: 'Operation',
  userId: 'User',
} as const;
export type PathIdName = keyof typeof pathIdEntity;
