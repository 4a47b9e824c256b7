import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { ListUsersResponse } from '@contract/http/users';
import { apiRequest } from '@/lib/api-client';
import { userKeys } from './keys';

export const getUsers = async () => (await apiRequest(apiPaths.users, ListUsersResponse)).users;

export const usersQueryOptions = () =>
  queryOptions({ queryKey: userKeys.list(), queryFn: getUsers });

/** Every user (admins only). */
export const useUsers = () => useQuery(usersQueryOptions());
