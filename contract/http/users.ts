import { z } from '../zod';
import { Timestamp } from '../common';
import { Email, Password, Role, User } from './auth';

/** A user as admins see it on the Users page. */
export const UserAccount = z.extend(z.omit(User, { generatedPassword: true }), {
  /** A disabled user cannot sign in and has no sessions. */
  disabled: z.boolean(),
  createdAt: Timestamp,
  lastLoginAt: z.nullable(Timestamp),
});
export type UserAccount = z.infer<typeof UserAccount>;

/** GET /api/users (admin) */
export const ListUsersResponse = z.object({ users: z.array(UserAccount) });
export type ListUsersResponse = z.infer<typeof ListUsersResponse>;

/** POST /api/users (admin) → 201 `{user}`; a taken email → 409 NAME_TAKEN */
export const CreateUserRequest = z.strictObject({
  email: Email,
  password: Password,
  role: Role,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** POST /api/users → 201, PATCH /api/users/:userId → 200 */
export const UserAccountResponse = z.object({ user: UserAccount });
export type UserAccountResponse = z.infer<typeof UserAccountResponse>;

/**
 * PATCH /api/users/:userId (admin). Disabling or demoting ends the user's sessions; the last
 * active admin cannot be disabled or demoted (409 LAST_ADMIN).
 */
export const UpdateUserRequest = z
  .strictObject({ role: z.optional(Role), disabled: z.optional(z.boolean()) })
  .check(
    z.refine((body) => body.role !== undefined || body.disabled !== undefined, {
      message: 'give role or disabled',
    }),
  );
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/** POST /api/users/:userId/password (admin) → 204; every session of that user ends. */
export const ResetPasswordRequest = z.strictObject({ newPassword: Password });
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;
