import { useMutation } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import type { ResetPasswordRequest } from '@contract/http/users';
import { apiRequest } from '@/lib/api-client';

export const resetPassword = ({ userId, body }: { userId: string; body: ResetPasswordRequest }) =>
  apiRequest(apiPaths.userPassword(userId), null, { method: 'POST', body });

/** Sets a user's password (204); their sessions end. */
export const useResetPassword = () => useMutation({ mutationFn: resetPassword });
