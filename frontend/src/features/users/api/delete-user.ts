import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';
import { userKeys } from './keys';

export const deleteUser = (userId: string) =>
  apiRequest(apiPaths.user(userId), null, { method: 'DELETE' });

/** Removes a user (204); the last active admin is refused with LAST_ADMIN. */
export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteUser,
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
