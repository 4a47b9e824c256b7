import { createContext, useContext } from 'react';
import type { User } from '@contract/http/auth';

/** Provided by <RequireAuth>; a context (not the `me` query) so signing out never renders a page without a user. */
export const CurrentUserContext = createContext<User | null>(null);

/** The signed-in user; only valid below <RequireAuth>. */
export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser used outside <RequireAuth>');
  return user;
}
