import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { UserAccountResponse, type CreateUserRequest } from '@contract/http/users';
import { apiRequest } from '@/lib/api-client';
import { userKeys } from './keys';

export const createUser = (body: CreateUserRequest) =>
  apiRequest(apiPaths.users, UserAccountResponse, { method: 'POST', body });

/** Adds a user (201); a taken email is 409 NAME_TAKEN. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
