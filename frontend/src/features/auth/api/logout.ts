import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';
import { authKeys } from './keys';

export const logout = () => apiRequest(apiPaths.logout, null, { method: 'POST' });

/** Ends the session and forgets everything cached for it. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      // signed out first, so the pages unmount before their cached data goes away
      queryClient.setQueryData(authKeys.me(), null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authKeys.all[0] });
    },
  });
}
