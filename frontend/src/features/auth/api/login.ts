import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserResponse, type LoginRequest } from '@contract/http/auth';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';
import { authKeys } from './keys';

export const login = (body: LoginRequest) =>
  apiRequest(apiPaths.login, UserResponse, {
    method: 'POST',
    body,
    skipUnauthenticatedRedirect: true,
  });

/** Signs in, then drops every cached query so nothing from a previous session survives. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authKeys.all[0] });
      await queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}
