import { z } from 'zod';
import { EntityId } from '../common';

export const Role = z.enum(['admin', 'operator', 'viewer']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: EntityId,
  email: z.string(),
  role: Role,
});
export type User = z.infer<typeof User>;

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** POST /api/auth/login */
export const LoginRequest = z.strictObject({
  email: z.string().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** POST /api/auth/login → 200, GET /api/auth/me → 200 */
export const UserResponse = z.object({ user: User });
export type UserResponse = z.infer<typeof UserResponse>;
