import { z } from '../zod';
import { EntityId } from '../common';

export const Role = z.enum(['admin', 'operator', 'viewer']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: EntityId,
  email: z.string(),
  role: Role,
  /**
   * True while this user's password is still the one the manager generated at first start (the
   * dashboard asks them to change it). Sent by login and `me` only.
   */
  generatedPassword: z.optional(z.boolean()),
});
export type User = z.infer<typeof User>;

export const Email = z.pipe(
  z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)),
  z.email(),
);

/** Minimum length of every password the manager accepts (new users, resets, changes, first admin). */
export const minPasswordLength = 12;

/** A new password: at least 12 characters (an old, shorter one still signs in). */
export const Password = z
  .string()
  .check(
    z.minLength(minPasswordLength, `password must be at least ${minPasswordLength} characters`),
    z.maxLength(1024, 'password must be at most 1024 characters'),
  );

/** POST /api/auth/login */
export const LoginRequest = z.strictObject({
  email: z.string().check(z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** POST /api/auth/login → 200, GET /api/auth/me → 200 */
export const UserResponse = z.object({ user: User });
export type UserResponse = z.infer<typeof UserResponse>;

/**
 * POST /api/auth/password (any signed-in user) → 204. A wrong current password is 400
 * VALIDATION_FAILED; the user's other sessions end, this one stays.
 */
export const ChangePasswordRequest = z
  .strictObject({
    currentPassword: z
      .string()
      .check(z.minLength(1, 'give your current password'), z.maxLength(1024)),
    newPassword: Password,
  })
  .check(
    z.refine((body) => body.newPassword !== body.currentPassword, {
      path: ['newPassword'],
      message: 'the new password must differ from the current one',
    }),
  );
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;
