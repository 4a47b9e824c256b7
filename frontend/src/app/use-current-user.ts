import type { User } from '@contract/http/auth';
import { useMe } from '@/features/auth/api/get-me';

/** The signed-in user; only valid below <RequireAuth>, which guarantees one. */
export function useCurrentUser(): User {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser used outside <RequireAuth>');
  return data;
}
