import { z } from 'zod';
import { Email, Role, User } from './auth';

/** GET /api/users (admin) */
export const ListUsersResponse = z.object({ users: z.array(User) });
export type ListUsersResponse = z.infer<typeof ListUsersResponse>;

/** POST /api/users (admin) → 201 `{user}` */
export const CreateUserRequest = z.strictObject({
  email: Email,
  password: z.string().min(8, 'password must be at least 8 characters').max(1024),
  role: Role,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;
