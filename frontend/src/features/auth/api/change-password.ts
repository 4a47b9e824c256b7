import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordRequest } from '@contract/http/auth';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';
import { authKeys } from './keys';

export const changePassword = (body: ChangePasswordRequest) =>
  apiRequest(apiPaths.changePassword, null, { method: 'POST', body });

/** Changes the signed-in user's password; their other sessions end, this one stays. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    // `me` carries whether the password is still the generated one.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  });
}
