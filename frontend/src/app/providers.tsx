import { QueryClientProvider, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, type ReactNode } from 'react';
import type { Operation } from '@contract/http/operations';
import { LiveAnnouncer } from '@/components/ui/announcer';
import { ToastProvider } from '@/components/ui/toast';
import { setUnauthenticatedHandler } from '@/lib/api-client';
import { liveStatus } from '@/lib/live-status';
import { authKeys } from '@/features/auth/api/keys';
import { auditKeys } from '@/features/audit/api/keys';
import { OperationTracker } from '@/features/operations/components/operation-tracker';
import { serverKeys } from '@/features/servers/api/keys';
import { agentKeys } from '@/features/agents/api/keys';

/** Session expiry and operation follow-up: app-wide wiring, no UI. */
function AppWiring() {
  const queryClient = useQueryClient();
  useEffect(() => {
    // any 401 outside login: forget the user; RequireAuth then shows the login page
    setUnauthenticatedHandler(() => queryClient.setQueryData(authKeys.me(), null));
    return () => setUnauthenticatedHandler(() => {});
  }, [queryClient]);
  // With the stream open the events already brought the outcome in; without it, refetch now
  // rather than wait for the next slow poll.
  const onSettled = useCallback(
    (_op: Operation) => {
      if (liveStatus.isOpen()) return;
      for (const queryKey of [serverKeys.all, auditKeys.all, agentKeys.all])
        void queryClient.invalidateQueries({ queryKey });
    },
    [queryClient],
  );
  return <OperationTracker onSettled={onSettled} />;
}

/**
 * Everything a screen needs around it: query cache, toasts, operation follow-up and the one
 * live region screen readers hear changes through.
 */
export function AppProviders({
  queryClient,
  children,
}: {
  queryClient: QueryClient;
  children: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <LiveAnnouncer />
      <ToastProvider>
        <AppWiring />
        {children}
      </ToastProvider>
    </QueryClientProvider>
  );
}
