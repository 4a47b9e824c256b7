import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { UserAccountResponse, type UpdateUserRequest } from '@contract/http/users';
import { apiRequest } from '@/lib/api-client';
import { userKeys } from './keys';

export const updateUser = ({ userId, body }: { userId: string; body: UpdateUserRequest }) =>
  apiRequest(apiPaths.user(userId), UserAccountResponse, { method: 'PATCH', body });

/** Changes a role or disables/enables (ends the user's sessions when it takes something away). */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
