import { act, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { MemoryRouter, useLocation, useNavigate, type Location } from 'react-router-dom';
import type { Role } from '@contract/http/auth';
import { mockDb } from '@mocks/db';
import { AppProviders } from '@/app/providers';
import { AppRoutes } from '@/app/router';
import { createQueryClient } from '@/lib/query-client';

/** The memory router as a test sees it: where it is, and a way to go elsewhere. */
export interface TestRouter {
  state: { location: Location };
  navigate: (to: string) => Promise<void>;
}

/** Keeps `router` pointing at the rendered router's location and navigate. */
function RouterProbe({ router }: { router: TestRouter }) {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    router.state.location = location;
    router.navigate = async (to) => {
      await act(async () => {
        await navigate(to);
      });
    };
  }, [router, location, navigate]);
  return null;
}

/**
 * Renders the whole dashboard at `path` against the MSW store, signed in as `role`
 * (null = signed out). Returns the user-event instance and the router (for its location).
 */
export function renderApp(path: string, { role = 'admin' }: { role?: Role | null } = {}) {
  if (role) mockDb.signInAs(role);
  const queryClient = createQueryClient();
  const router: TestRouter = {
    state: { location: { pathname: path } as Location },
    navigate: () => Promise.reject(new Error('the router has not rendered yet')),
  };
  const user = userEvent.setup();
  const view = render(
    <AppProviders queryClient={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <RouterProbe router={router} />
        <AppRoutes />
      </MemoryRouter>
    </AppProviders>,
  );
  return { ...view, user, router, queryClient };
}
