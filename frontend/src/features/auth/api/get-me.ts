import { queryOptions, useQuery } from '@tanstack/react-query';
import { UserResponse, type User } from '@contract/http/auth';
import { apiPaths } from '@contract/http/paths';
import { apiRequest, isApiError } from '@/lib/api-client';
import { authKeys } from './keys';

/** The signed-in user, or null when there is no session (401). */
export async function getMe(): Promise<User | null> {
  try {
    const { user } = await apiRequest(apiPaths.me, UserResponse, {
      skipUnauthenticatedRedirect: true,
    });
    return user;
  } catch (err) {
    if (isApiError(err, 'UNAUTHENTICATED')) return null;
    throw err;
  }
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: authKeys.me(), queryFn: getMe, staleTime: 60_000 });

/** Current session user (null = signed out). */
export const useMe = () => useQuery(meQueryOptions());
