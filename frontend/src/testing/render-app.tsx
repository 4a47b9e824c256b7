import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import type { Role } from '@contract/http/auth';
import { mockDb } from '@mocks/db';
import { AppProviders } from '@/app/providers';
import { appRoutes } from '@/app/router';
import { createQueryClient } from '@/lib/query-client';

/**
 * Renders the whole dashboard at `path` against the MSW store, signed in as `role`
 * (null = signed out). Returns the user-event instance and the router (for its location).
 */
export function renderApp(path: string, { role = 'admin' }: { role?: Role | null } = {}) {
  if (role) mockDb.signInAs(role);
  const queryClient = createQueryClient();
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  const user = userEvent.setup();
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, user, router, queryClient };
}
